from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

async def set_null_on_asset_delete(apps, schema_editor):  # type: ignore[no-untyped-def]
    """AlterField rebuilds a SQLite table with the new ON DELETE but leaves PostgreSQL's
    foreign key as it was: replace it there."""
    if schema_editor.DIALECT != "postgres":
        return
    await schema_editor.client.execute_script(
        "ALTER TABLE abuse_reports DROP CONSTRAINT IF EXISTS abuse_reports_asset_id_fkey; "
        "ALTER TABLE abuse_reports ADD CONSTRAINT abuse_reports_asset_id_fkey "
        "FOREIGN KEY (asset_id) REFERENCES assets (id) ON DELETE SET NULL"
    )


class Migration(migrations.Migration):
    dependencies = [('pixvault', '0012_asset_details_public')]

    initial = False

    operations = [
        ops.CreateModel(
            name='QuarantinedContent',
            fields=[
                ('sha256', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=64)),
                ('quarantined_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'quarantined_content', 'app': 'pixvault', 'pk_attr': 'sha256', 'table_description': 'Digests of images quarantined after an upheld abuse report.'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='AbuseReport',
            name='asset',
            field=fields.ForeignKeyField('pixvault.Asset', source_field='asset_id', null=True, description='Cleared when the asset is deleted; the report and its decision stay on record.', db_constraint=True, to_field='id', related_name='abuse_reports', on_delete=OnDelete.SET_NULL),
        ),
        ops.AddField(
            model_name='AbuseReport',
            name='asset_sha256',
            field=fields.CharField(null=True, description="The reported image's content digest, which outlives the asset.", max_length=64),
        ),
        ops.RunPython(set_null_on_asset_delete),
        # Reports filed before: their asset's digest; images quarantined before: blocked too.
        ops.RunSQL(
            [
                "UPDATE abuse_reports SET asset_sha256 = "
                "(SELECT sha256 FROM assets WHERE assets.id = abuse_reports.asset_id)",
                "INSERT INTO quarantined_content (sha256, quarantined_at) "
                "SELECT sha256, MIN(updated_at) FROM assets WHERE status = 'QUARANTINED' "
                "GROUP BY sha256",
            ],
            reverse_sql=[],
        ),
    ]
