from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('pixvault', '0017_rights_and_breaches')]

    initial = False

    operations = [
        ops.AddField(
            model_name='AbuseReport',
            name='restricted_at',
            field=fields.DatetimeField(null=True, description='When the reporter restricted processing of their data.', auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='ContactMessage',
            name='restricted_at',
            field=fields.DatetimeField(null=True, description='When the sender restricted or objected to its processing.', auto_now=False, auto_now_add=False),
        ),
    ]
