from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('pixvault', '0011_token_scopes_and_disabled_accounts')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Asset',
            name='details_public',
            field=fields.BooleanField(default=False, db_default=False, description='The owner published the filename, folder and tags with the image.'),
        ),
    ]
