from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('pixvault', '0009_abuse_reports')]

    initial = False

    operations = [
        ops.AddField(
            model_name='BillingAccount',
            name='subscription_cancel_at_period_end',
            field=fields.BooleanField(default=False, description='Set to end at the close of the current period (the customer cancelled, and may resume).'),
        ),
        ops.AddField(
            model_name='BillingAccount',
            name='subscription_period_end',
            field=fields.DatetimeField(null=True, description="When the subscription's current period, already paid for, ends.", auto_now=False, auto_now_add=False),
        ),
    ]
