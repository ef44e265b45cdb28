"""Custom vocabulary operations."""

from __future__ import annotations

from typing import Any

from dockyard.service_kit import RequestContext
from dockyard.services.lexv2_models import operation
from dockyard.services.lexv2_models.resources import custom_vocabulary, list_query, locale_state
from dockyard.services.lexv2_models.resources.request_keys import locale_ids, locale_key

Params = dict[str, Any]


def _batch_answer(params: Params, done: list[dict[str, Any]], errors: list[dict[str, Any]]) -> dict[str, Any]:
    return {"botId": params["botId"], "botVersion": params["botVersion"], "localeId": params["localeId"],
            "resources": done,
            "errors": [{k: v for k, v in e.items() if v is not None} for e in errors]}


@operation("BatchCreateCustomVocabularyItem")
def batch_create(ctx: RequestContext, params: Params) -> dict[str, Any]:
    lk = locale_key(ctx, params)
    done, errors = custom_vocabulary.batch_create(ctx.deps.db, lk, params["customVocabularyItemList"])
    return _batch_answer(params, done, errors)


@operation("BatchUpdateCustomVocabularyItem")
def batch_update(ctx: RequestContext, params: Params) -> dict[str, Any]:
    lk = locale_key(ctx, params)
    done, errors = custom_vocabulary.batch_update(ctx.deps.db, lk, params["customVocabularyItemList"])
    return _batch_answer(params, done, errors)


@operation("BatchDeleteCustomVocabularyItem")
def batch_delete(ctx: RequestContext, params: Params) -> dict[str, Any]:
    lk = locale_key(ctx, params)
    item_ids = [i["itemId"] for i in params["customVocabularyItemList"]]
    done, errors = custom_vocabulary.batch_delete(ctx.deps.db, lk, item_ids)
    return _batch_answer(params, done, errors)


@operation("ListCustomVocabularyItems")
def list_items(ctx: RequestContext, params: Params) -> dict[str, Any]:
    db = ctx.deps.db
    lk = locale_key(ctx, params)
    locale_state.load_locale(db, lk)
    page, token = list_query.page(custom_vocabulary.list_items(db, lk), params)
    return {**locale_ids(lk), "customVocabularyItems": page,
            "nextToken": token}


@operation("DescribeCustomVocabularyMetadata")
def describe_metadata(ctx: RequestContext, params: Params) -> dict[str, Any]:
    lk = locale_key(ctx, params)
    return {**locale_ids(lk), **custom_vocabulary.load_metadata(ctx.deps.db, lk)}


@operation("DeleteCustomVocabulary")
def delete_vocabulary(ctx: RequestContext, params: Params) -> dict[str, Any]:
    lk = locale_key(ctx, params)
    custom_vocabulary.delete_vocabulary(ctx.deps.db, lk)
    return {**locale_ids(lk), "customVocabularyStatus": "Deleting"}
