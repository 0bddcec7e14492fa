from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('pixvault', '0005_safety')]

    initial = False

    operations = [
        ops.CreateModel(
            name='OutboxMessage',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('pixvault.User', source_field='user_id', null=True, description='The account the message is for, if any. Erasing the account erases its mail.', db_constraint=True, to_field='id', related_name='outbox_messages', on_delete=OnDelete.CASCADE)),
                ('to_address', fields.CharField(max_length=320)),
                ('subject', fields.CharField(max_length=300)),
                ('text_body', fields.TextField(unique=False)),
                ('html_body', fields.TextField(null=True, unique=False)),
                ('headers', fields.JSONField(default=dict, description='Extra headers, such as List-Unsubscribe on marketing mail.', encoder=JSON_DUMPS, decoder=loads)),
                ('requires_consent', fields.CharField(null=True, description='A consent purpose the recipient must still grant when the message goes out.', max_length=32)),
                ('message_id', fields.CharField(description='The RFC 5322 Message-ID, fixed at queueing so that a retried message keeps it.', max_length=255)),
                ('status', fields.CharField(default='PENDING', description='PENDING, SENDING, SENT, FAILED or CANCELLED', max_length=16)),
                ('attempts', fields.IntField(default=0)),
                ('next_attempt_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('claimed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_error', fields.CharField(null=True, max_length=500)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('sent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'outbox_messages', 'app': 'pixvault', 'indexes': [Index(fields=['status', 'next_attempt_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AlterModelOptions(
            name='PolicyVersion',
            options={'table': 'policy_versions', 'app': 'pixvault', 'unique_together': (('kind', 'version'),), 'pk_attr': 'id', 'table_description': 'A published version of a policy. It never changes once saved.'},
        ),
    ]
