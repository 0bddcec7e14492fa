from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('pixvault', '0004_privacy')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ContactMessage',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('pixvault.User', source_field='user_id', null=True, description='The account of the sender, when signed in.', db_constraint=True, to_field='id', related_name='contact_messages', on_delete=OnDelete.CASCADE)),
                ('topic', fields.CharField(db_index=True, max_length=16)),
                ('name', fields.CharField(max_length=200)),
                ('email', fields.CharField(max_length=320)),
                ('subject', fields.CharField(max_length=200)),
                ('message', fields.TextField(unique=False)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('handled_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('handled_by', fields.ForeignKeyField('pixvault.User', source_field='handled_by_id', null=True, db_constraint=True, to_field='id', related_name='handled_contact_messages', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'contact_messages', 'app': 'pixvault', 'pk_attr': 'id', 'table_description': 'A message sent through the contact form, and whether staff have handled it.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Disclosure',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('pixvault.User', source_field='user_id', db_constraint=True, to_field='id', related_name='disclosures', on_delete=OnDelete.CASCADE)),
                ('recipient', fields.CharField(max_length=200)),
                ('legal_basis', fields.CharField(description='One of records.disclosures.LegalBasis, the GDPR Article 6(1) bases.', max_length=32)),
                ('data_categories', fields.JSONField(default=list, description='The kinds of personal data disclosed, as staff named them.', encoder=JSON_DUMPS, decoder=loads)),
                ('reference', fields.CharField(null=True, description='A case, court order or ticket number.', max_length=200)),
                ('disclosed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('recorded_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('recorded_by', fields.ForeignKeyField('pixvault.User', source_field='recorded_by_id', null=True, db_constraint=True, to_field='id', related_name='disclosures_recorded', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'disclosures', 'app': 'pixvault', 'pk_attr': 'id', 'table_description': 'A disclosure of the data of a person to a third party, such as an answer to a court order.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LegalHold',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('pixvault.User', source_field='user_id', db_constraint=True, to_field='id', related_name='legal_holds', on_delete=OnDelete.CASCADE)),
                ('reason', fields.TextField(unique=False)),
                ('reference', fields.CharField(null=True, description='A case, court order or ticket number.', max_length=200)),
                ('placed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('placed_by', fields.ForeignKeyField('pixvault.User', source_field='placed_by_id', null=True, db_constraint=True, to_field='id', related_name='legal_holds_placed', on_delete=OnDelete.SET_NULL)),
                ('released_at', fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False)),
                ('released_by', fields.ForeignKeyField('pixvault.User', source_field='released_by_id', null=True, db_constraint=True, to_field='id', related_name='legal_holds_released', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'legal_holds', 'app': 'pixvault', 'pk_attr': 'id', 'table_description': 'A legal hold on the data of a person. While one stands, their erasure waits.'},
            bases=['Model'],
        ),
    ]
