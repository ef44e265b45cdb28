"""Operations of the neptune-graph model Dockyard does not implement, and why (NotImplementedException).

None today: every operation of the model has a handler. Declare one here with
``SPEC.declare_not_implemented(reason, *operations)`` when a new model version adds an operation
that is not built yet (tests/services/test_skeleton.py fails until it is one or the other).
"""
