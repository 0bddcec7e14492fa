from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('pixvault', '0014_audit_anchors_and_guest_requests')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CachePurge',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('asset_id', fields.UUIDField(description='Not a relation: the asset may be gone (deleted, erased) by the time this is sent.')),
                ('prefixes', fields.JSONField(description='The URL prefixes to drop (every URL of the asset starts with one of them).', encoder=JSON_DUMPS, decoder=loads)),
                ('attempts', fields.IntField(default=0)),
                ('next_attempt_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('last_error', fields.CharField(null=True, max_length=500)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'cache_purges', 'app': 'pixvault', 'indexes': [Index(fields=['next_attempt_at'])], 'pk_attr': 'id', 'table_description': 'Delivery URLs of a recalled public image that caches Pixvault does not control must'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Asset',
            name='delivery_version',
            field=fields.IntField(default=1, db_default=1, description='Part of every public delivery URL, moved on by each recall (made private, quarantined,'),
        ),
    ]
