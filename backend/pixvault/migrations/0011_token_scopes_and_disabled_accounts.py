"""API token scopes and expiry; accounts an ADMIN disabled (issue 16).

Tokens made before scopes existed could do everything their owner could; they keep every
customer scope (never STAFF) and no expiry, so scripts using them keep working.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

CUSTOMER_SCOPES = ["assets:read", "assets:write", "account:read", "account:write"]


async def scope_existing_tokens(apps, schema_editor):  # type: ignore[no-untyped-def]
    api_token = apps.get_model("pixvault.ApiToken")
    await api_token.all().update(scopes=CUSTOMER_SCOPES)


async def noop(apps, schema_editor):  # type: ignore[no-untyped-def]
    return None


class Migration(migrations.Migration):
    dependencies = [('pixvault', '0010_subscription_cancellation')]

    initial = False

    operations = [
        ops.AddField(
            model_name='ApiToken',
            name='expires_at',
            field=fields.DatetimeField(null=True, description='Null: the token never expires (only when its maker asked for that).', auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='ApiToken',
            name='scopes',
            field=fields.JSONField(default=list, db_default=[], description='What the token may do (accounts.scopes.ApiScope values).', encoder=JSON_DUMPS, decoder=loads),
        ),
        ops.AddField(
            model_name='User',
            name='disabled_at',
            field=fields.DatetimeField(null=True, description='Set while an ADMIN has disabled the account: no log-in, no session, no token works.', auto_now=False, auto_now_add=False),
        ),
        ops.RunPython(scope_existing_tokens, noop),
    ]
