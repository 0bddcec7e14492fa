from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='AuditEntry',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('actor_id', fields.CharField(null=True, description='Plain ids, not foreign keys, so erasing a person never rewrites the chain.', max_length=36)),
                ('actor_roles', fields.CharField(default='', max_length=100)),
                ('action', fields.CharField(max_length=100)),
                ('subject_id', fields.CharField(null=True, db_index=True, max_length=36)),
                ('target', fields.CharField(null=True, max_length=200)),
                ('ip_address', fields.CharField(null=True, max_length=45)),
                ('prev_hash', fields.CharField(unique=True, description='Unique, so two writers racing for the same predecessor cannot both append.', max_length=64)),
                ('hash', fields.CharField(unique=True, max_length=64)),
            ],
            options={'table': 'audit_entries', 'app': 'pixvault', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PolicyVersion',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('kind', fields.CharField(max_length=16)),
                ('version', fields.CharField(max_length=32)),
                ('title', fields.CharField(max_length=200)),
                ('summary', fields.TextField(unique=False)),
                ('body', fields.TextField(unique=False)),
                ('change_type', fields.CharField(max_length=32)),
                ('materially_reduces_protection', fields.BooleanField(default=False)),
                ('notice_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('effective_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'policy_versions', 'app': 'pixvault', 'unique_together': (('kind', 'version'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='User',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('email', fields.CharField(unique=True, max_length=320)),
                ('name', fields.CharField(max_length=200)),
                ('company_name', fields.CharField(null=True, max_length=200)),
                ('password_hash', fields.CharField(max_length=255)),
                ('roles', fields.JSONField(default=list, description='Role names (see accounts.roles.Role), CUSTOMER for everyone.', encoder=JSON_DUMPS, decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('last_log_in_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('closed_at', fields.DatetimeField(null=True, description='Set when the account was closed and its personal data erased.', auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'users', 'app': 'pixvault', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ActivityEvent',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('pixvault.User', source_field='user_id', db_constraint=True, to_field='id', related_name='activity', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharField(max_length=32)),
                ('at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('ip_address', fields.CharField(null=True, max_length=45)),
                ('country', fields.CharField(null=True, max_length=2)),
                ('browser', fields.CharField(null=True, max_length=100)),
                ('browser_version', fields.CharField(null=True, max_length=50)),
                ('os', fields.CharField(null=True, max_length=100)),
                ('platform', fields.CharField(null=True, max_length=50)),
                ('timezone', fields.CharField(null=True, max_length=64)),
                ('target', fields.CharField(null=True, max_length=500)),
            ],
            options={'table': 'activity_events', 'app': 'pixvault', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ApiToken',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('pixvault.User', source_field='user_id', db_constraint=True, to_field='id', related_name='api_tokens', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=100)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('last_used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'api_tokens', 'app': 'pixvault', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ConsentRecord',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('pixvault.User', source_field='user_id', null=True, db_constraint=True, to_field='id', related_name='consent_records', on_delete=OnDelete.CASCADE)),
                ('visitor_id', fields.CharField(null=True, db_index=True, description="The random id in an anonymous visitor's NECESSARY cookie.", max_length=64)),
                ('purpose', fields.CharField(max_length=32)),
                ('granted', fields.BooleanField()),
                ('source', fields.CharField(max_length=32)),
                ('policy_version', fields.CharField(max_length=32)),
                ('recorded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('ip_address', fields.CharField(null=True, max_length=45)),
                ('user_agent', fields.CharField(null=True, max_length=500)),
            ],
            options={'table': 'consent_records', 'app': 'pixvault', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='EmailChange',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('pixvault.User', source_field='user_id', db_constraint=True, to_field='id', related_name='email_changes', on_delete=OnDelete.CASCADE)),
                ('new_email', fields.CharField(max_length=320)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('confirmed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'email_changes', 'app': 'pixvault', 'pk_attr': 'id', 'table_description': 'A new email address awaiting confirmation through the link sent to it.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PolicyDecision',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('pixvault.User', source_field='user_id', db_constraint=True, to_field='id', related_name='policy_decisions', on_delete=OnDelete.CASCADE)),
                ('policy_version', fields.ForeignKeyField('pixvault.PolicyVersion', source_field='policy_version_id', db_constraint=True, to_field='id', related_name='decisions', on_delete=OnDelete.RESTRICT)),
                ('accepted', fields.BooleanField()),
                ('method', fields.CharField(description='EXPLICIT or CONTINUED_USE', max_length=16)),
                ('decided_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'policy_decisions', 'app': 'pixvault', 'unique_together': (('user', 'policy_version'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Session',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('pixvault.User', source_field='user_id', db_constraint=True, to_field='id', related_name='sessions', on_delete=OnDelete.CASCADE)),
                ('token_hash', fields.CharField(null=True, unique=True, description='Null when the token lives in Redis instead.', max_length=64)),
                ('persistent', fields.BooleanField(default=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('last_seen_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('ended_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('ip_address', fields.CharField(null=True, max_length=45)),
                ('browser', fields.CharField(null=True, max_length=100)),
                ('os', fields.CharField(null=True, max_length=100)),
            ],
            options={'table': 'sessions', 'app': 'pixvault', 'pk_attr': 'id', 'table_description': 'A signed-in browser. The token itself is never stored, only its SHA-256.'},
            bases=['Model'],
        ),
    ]
