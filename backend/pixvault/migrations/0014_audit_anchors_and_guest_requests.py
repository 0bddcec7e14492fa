from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('pixvault', '0013_quarantined_content')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AuditAnchor',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('pruned_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('last_id', fields.BigIntField(description='The highest entry id cut off, and its hash.')),
                ('last_hash', fields.CharField(max_length=64)),
                ('count', fields.IntField()),
            ],
            options={'table': 'audit_anchors', 'app': 'pixvault', 'pk_attr': 'id', 'table_description': 'Where the chain starts after its oldest entries passed their retention period and were'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='DataSubjectRequest',
            name='visitor_id',
            field=fields.CharField(null=True, description='The visitor id (``pv_visitor`` cookie) of the browser an anonymous request came from:', max_length=64),
        ),
    ]
