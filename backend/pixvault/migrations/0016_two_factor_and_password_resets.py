from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('pixvault', '0015_delivery_version_and_cache_purges')]

    initial = False

    operations = [
        ops.CreateModel(
            name='PasswordReset',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('pixvault.User', source_field='user_id', db_constraint=True, to_field='id', related_name='password_resets', on_delete=OnDelete.CASCADE)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'password_resets', 'app': 'pixvault', 'pk_attr': 'id', 'table_description': 'A "forgot your password" link: single use, short-lived, stored as its digest.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RecoveryCode',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('pixvault.User', source_field='user_id', db_constraint=True, to_field='id', related_name='recovery_codes', on_delete=OnDelete.CASCADE)),
                ('code_hash', fields.CharField(unique=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'recovery_codes', 'app': 'pixvault', 'pk_attr': 'id', 'table_description': 'A single-use code that stands in for the authenticator app (ten at a time).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TwoFactor',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('user', fields.OneToOneField('pixvault.User', source_field='user_id', db_constraint=True, to_field='id', related_name='two_factor', on_delete=OnDelete.CASCADE)),
                ('secret', fields.CharField(description='The RFC 6238 seed, base32.', max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('confirmed_at', fields.DatetimeField(null=True, description='Null while the set-up waits for its first code, the second factor is on once set.', auto_now=False, auto_now_add=False)),
                ('last_step', fields.BigIntField(default=0, description='The last 30-second step whose code was accepted: no code at or before it is taken again.')),
            ],
            options={'table': 'two_factors', 'app': 'pixvault', 'pk_attr': 'id', 'table_description': "A person's authenticator app: pending until a first code confirms the set-up."},
            bases=['Model'],
        ),
    ]
