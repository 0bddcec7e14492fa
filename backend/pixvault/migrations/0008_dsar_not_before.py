from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('pixvault', '0007_assets')]

    initial = False

    operations = [
        ops.AddField(
            model_name='DataSubjectRequest',
            name='not_before',
            field=fields.DatetimeField(null=True, description='The request does not run before this (an erasure that leaves time to download an export).', auto_now=False, auto_now_add=False),
        ),
    ]
