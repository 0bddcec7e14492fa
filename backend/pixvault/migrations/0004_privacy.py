from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('pixvault', '0003_billing')]

    initial = False

    operations = [
        ops.CreateModel(
            name='DataSubjectRequest',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('kind', fields.CharField(max_length=16)),
                ('status', fields.CharField(db_index=True, max_length=24)),
                ('subject', fields.ForeignKeyField('pixvault.User', source_field='subject_id', null=True, db_constraint=True, to_field='id', related_name='data_subject_requests', on_delete=OnDelete.SET_NULL)),
                ('requester_email', fields.CharField(max_length=320)),
                ('details', fields.TextField(null=True, unique=False)),
                ('corrections', fields.JSONField(null=True, description='For RECTIFICATION: field name to corrected value.', encoder=JSON_DUMPS, decoder=loads)),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('verified_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('due_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('extended_days', fields.IntField(default=0)),
                ('extension_reason', fields.TextField(null=True, unique=False)),
                ('completed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('rejection_reason', fields.TextField(null=True, unique=False)),
                ('progress', fields.FloatField(null=True)),
                ('waiting_reason', fields.TextField(null=True, description='Why a verified request waits, e.g. a legal hold.', unique=False)),
                ('heartbeat_at', fields.DatetimeField(null=True, description='Set while a worker runs the request, to tell a live run from one a crash left behind.', auto_now=False, auto_now_add=False)),
                ('export_key', fields.CharField(null=True, max_length=200)),
                ('export_expires_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('internal_notes', fields.TextField(null=True, unique=False)),
                ('result', fields.JSONField(null=True, description='RECTIFICATION: the applied changes as field to old and new value.', encoder=JSON_DUMPS, decoder=loads)),
                ('verification_token_hash', fields.CharField(null=True, unique=True, max_length=64)),
                ('verification_expires_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'data_subject_requests', 'app': 'pixvault', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ErasureCertificate',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('request_id', fields.UUIDField(unique=True)),
                ('erased_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('summary', fields.JSONField(description='Export section to what happened and how many records it touched.', encoder=JSON_DUMPS, decoder=loads)),
            ],
            options={'table': 'erasure_certificates', 'app': 'pixvault', 'pk_attr': 'id', 'table_description': 'What an erasure removed and when. It names no person: only the request and counts.'},
            bases=['Model'],
        ),
    ]
