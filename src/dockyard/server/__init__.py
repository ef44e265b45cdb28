"""``dockyard serve``: one ASGI app on one port for our services and everything moto serves."""
