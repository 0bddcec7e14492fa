from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('pixvault', '0002_initial_policies')]

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
    ]
