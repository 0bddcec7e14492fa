from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('pixvault', '0016_two_factor_and_password_resets')]

    initial = False

    operations = [
        ops.CreateModel(
            name='BreachIncident',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('description', fields.TextField(unique=False)),
                ('discovered_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('data_categories', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('selection', fields.JSONField(default=dict, description='How the affected people were chosen, as staff asked (for the record).', encoder=JSON_DUMPS, decoder=loads)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('recorded_by', fields.ForeignKeyField('pixvault.User', source_field='recorded_by_id', null=True, db_constraint=True, to_field='id', related_name='breaches_recorded', on_delete=OnDelete.SET_NULL)),
                ('authority_notified_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('authority_reference', fields.CharField(null=True, max_length=200)),
                ('people_notice_requested_at', fields.DatetimeField(null=True, description='Set when staff asked for the affected people to be told (the job emails each once).', auto_now=False, auto_now_add=False)),
                ('people_notice', fields.TextField(null=True, description='The text of the email to the affected people (Art. 34(2)).', unique=False)),
            ],
            options={'table': 'breach_incidents', 'app': 'pixvault', 'pk_attr': 'id', 'table_description': 'One breach: what happened, when it was found, and who was told when.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='BreachSubject',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('incident', fields.ForeignKeyField('pixvault.BreachIncident', source_field='incident_id', db_constraint=True, to_field='id', related_name='subjects', on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('pixvault.User', source_field='user_id', db_constraint=True, to_field='id', related_name='breaches', on_delete=OnDelete.CASCADE)),
                ('notified_at', fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'breach_subjects', 'app': 'pixvault', 'unique_together': (('incident', 'user'),), 'pk_attr': 'id', 'table_description': 'A person affected by a breach, and when they were emailed about it.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ProcessingRestriction',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('pixvault.User', source_field='user_id', db_constraint=True, to_field='id', related_name='processing_restrictions', on_delete=OnDelete.CASCADE)),
                ('request_id', fields.UUIDField(unique=True)),
                ('grounds', fields.TextField(null=True, description="The person's grounds, as they gave them with the request.", unique=False)),
                ('placed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('lifts_at', fields.DatetimeField(null=True, db_index=True, description='Unset while it stands with no end, else the moment it ends (staff lifted it).', auto_now=False, auto_now_add=False)),
                ('lift_reason', fields.TextField(null=True, unique=False)),
                ('lifted_by', fields.ForeignKeyField('pixvault.User', source_field='lifted_by_id', null=True, db_constraint=True, to_field='id', related_name='processing_restrictions_lifted', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'processing_restrictions', 'app': 'pixvault', 'pk_attr': 'id', 'table_description': "A restriction of the processing of a person's data, placed when their RESTRICTION"},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RecipientNotice',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('pixvault.User', source_field='user_id', db_constraint=True, to_field='id', related_name='recipient_notices', on_delete=OnDelete.CASCADE)),
                ('request_id', fields.UUIDField(db_index=True)),
                ('source', fields.CharField(description='PROCESSOR (the processors register) or DISCLOSURE (the disclosures log).', max_length=16)),
                ('recipient', fields.CharField(max_length=200)),
                ('action', fields.CharField(description='RECTIFICATION or ERASURE.', max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'recipient_notices', 'app': 'pixvault', 'unique_together': (('request_id', 'source', 'recipient'),), 'pk_attr': 'id', 'table_description': "A notice to a processor or recipient of a person's data that a rectification or an"},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='DataSubjectRequest',
            name='purpose',
            field=fields.CharField(null=True, description='For OBJECTION: ANALYTICS, MARKETING_EMAIL or OTHER (the ground is in details).', max_length=32),
        ),
    ]
