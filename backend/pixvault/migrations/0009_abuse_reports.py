from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('pixvault', '0008_dsar_not_before')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AbuseReport',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('asset', fields.ForeignKeyField('pixvault.Asset', source_field='asset_id', db_constraint=True, to_field='id', related_name='abuse_reports', on_delete=OnDelete.CASCADE)),
                ('owner', fields.ForeignKeyField('pixvault.User', source_field='owner_id', description="The asset's owner when the report was made.", db_constraint=True, to_field='id', related_name='abuse_reports_received', on_delete=OnDelete.CASCADE)),
                ('reporter', fields.ForeignKeyField('pixvault.User', source_field='reporter_id', null=True, description='The reporting account, when signed in.', db_constraint=True, to_field='id', related_name='abuse_reports_filed', on_delete=OnDelete.SET_NULL)),
                ('reporter_email', fields.CharField(max_length=320)),
                ('reason', fields.CharField(max_length=32)),
                ('details', fields.TextField(null=True, unique=False)),
                ('status', fields.CharField(default='OPEN', db_index=True, max_length=16)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('resolved_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('resolved_by', fields.ForeignKeyField('pixvault.User', source_field='resolved_by_id', null=True, db_constraint=True, to_field='id', related_name='resolved_abuse_reports', on_delete=OnDelete.SET_NULL)),
                ('resolution_note', fields.TextField(null=True, unique=False)),
            ],
            options={'table': 'abuse_reports', 'app': 'pixvault', 'pk_attr': 'id', 'table_description': 'A report that a public asset breaks the rules, and the staff decision on it.'},
            bases=['Model'],
        ),
    ]
