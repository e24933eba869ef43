"""The models move here from practice; their tables keep their names (practice_*).

On a database built before the move nothing changes but Django's bookkeeping: the models' state,
and their content types, relabelled so that admin history and permissions follow them."""

import django.core.validators
import django.db.models.deletion
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models

from practice.moved_models import move_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('practice', '0009_honours_and_reports_move_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The tables stay where they are (db_table is unchanged): only Django's idea of
        # which app owns the models moves.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='FigureSnapshot',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=120, unique=True, verbose_name='key')),
                        ('values', models.JSONField(verbose_name='figures')),
                        ('computed_at', models.DateTimeField(verbose_name='computed at')),
                        ('invalidated', models.BooleanField(default=False, verbose_name='invalidated')),
                    ],
                    options={
                        'verbose_name': 'figure snapshot',
                        'verbose_name_plural': 'figure snapshots',
                        'db_table': 'practice_figuresnapshot',
                    },
                ),
                migrations.CreateModel(
                    name='Assessment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('title', models.CharField(blank=True, max_length=100, verbose_name='title')),
                        ('finalised', models.BooleanField(default=False, verbose_name='finalised')),
                        ('finalised_at', models.DateTimeField(blank=True, null=True, verbose_name='finalised at')),
                        ('snapshot', models.JSONField(blank=True, editable=False, help_text='The scores as they were when the assessment was finalised.', null=True, verbose_name='frozen results')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('finalised_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='finalised by')),
                        ('unit', models.ForeignKey(help_text='The units directly below it are scored (the banner scores its townships).', on_delete=django.db.models.deletion.PROTECT, related_name='assessments', to='practice.unit', verbose_name='assessing unit')),
                    ],
                    options={
                        'verbose_name': 'annual assessment',
                        'verbose_name_plural': 'annual assessments',
                        'db_table': 'practice_assessment',
                        'ordering': ['-year'],
                    },
                ),
                migrations.CreateModel(
                    name='AssessmentItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=64, verbose_name='indicator code')),
                        ('weight', models.DecimalField(decimal_places=2, max_digits=6, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='weight (points)')),
                        ('target', models.DecimalField(decimal_places=2, help_text="The year's value that earns the full weight.", max_digits=14, validators=[django.core.validators.MinValueValidator(Decimal('0.01'))], verbose_name='target')),
                        ('cap', models.DecimalField(decimal_places=2, default=Decimal('1.00'), help_text='At most this multiple of the weight is earned (1 = the weight).', max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='cap')),
                        ('higher_is_better', models.BooleanField(default=True, verbose_name='higher is better')),
                        ('order', models.PositiveSmallIntegerField(default=100, verbose_name='order')),
                        ('assessment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='reports.assessment', verbose_name='assessment')),
                    ],
                    options={
                        'verbose_name': 'assessment indicator',
                        'verbose_name_plural': 'assessment indicators',
                        'db_table': 'practice_assessmentitem',
                        'ordering': ['order', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='ManualItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=100, verbose_name='name')),
                        ('max_score', models.DecimalField(decimal_places=2, max_digits=6, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='maximum score')),
                        ('order', models.PositiveSmallIntegerField(default=100, verbose_name='order')),
                        ('assessment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='manual_items', to='reports.assessment', verbose_name='assessment')),
                    ],
                    options={
                        'verbose_name': 'manual assessment item',
                        'verbose_name_plural': 'manual assessment items',
                        'db_table': 'practice_manualitem',
                        'ordering': ['order', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='ManualScore',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('score', models.DecimalField(decimal_places=2, max_digits=6, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='score')),
                        ('note', models.CharField(blank=True, max_length=300, verbose_name='note')),
                        ('scored_at', models.DateTimeField(auto_now=True, verbose_name='scored at')),
                        ('item', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scores', to='reports.manualitem', verbose_name='item')),
                        ('scored_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='scored by')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='manual_scores', to='practice.unit', verbose_name='assessed unit')),
                    ],
                    options={
                        'verbose_name': 'manual score',
                        'verbose_name_plural': 'manual scores',
                        'db_table': 'practice_manualscore',
                        'ordering': ['item__order', 'unit__path'],
                    },
                ),
                migrations.CreateModel(
                    name='ReportRun',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('month', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(12)], verbose_name='month')),
                        ('state', models.CharField(choices=[('pending', 'Queued'), ('running', 'Running'), ('done', 'Done'), ('failed', 'Failed')], db_index=True, default='pending', max_length=10, verbose_name='state')),
                        ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='progress (%)')),
                        ('error', models.TextField(blank=True, verbose_name='error')),
                        ('task_id', models.CharField(blank=True, db_index=True, max_length=64, verbose_name='task id')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='queued at')),
                        ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started at')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished at')),
                        ('started_by', models.ForeignKey(blank=True, help_text='Empty when the monthly schedule started it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='started by')),
                    ],
                    options={
                        'verbose_name': 'report run',
                        'verbose_name_plural': 'report runs',
                        'db_table': 'practice_reportrun',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='MonthlyReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('month', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(12)], verbose_name='month')),
                        ('generated_at', models.DateTimeField(verbose_name='generated at')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='monthly_reports', to='practice.unit', verbose_name='unit')),
                        ('run', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reports', to='reports.reportrun', verbose_name='built by run')),
                    ],
                    options={
                        'verbose_name': 'monthly report',
                        'verbose_name_plural': 'monthly reports',
                        'db_table': 'practice_monthlyreport',
                        'ordering': ['-year', '-month', 'unit__path'],
                    },
                ),
                migrations.CreateModel(
                    name='ReportValue',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=64, verbose_name='indicator code')),
                        ('label', models.CharField(max_length=100, verbose_name='indicator')),
                        ('measure', models.CharField(blank=True, max_length=30, verbose_name='unit of measure')),
                        ('value', models.DecimalField(blank=True, decimal_places=4, max_digits=20, null=True, verbose_name='value')),
                        ('order', models.PositiveIntegerField(default=100, verbose_name='order')),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='values', to='reports.monthlyreport', verbose_name='report')),
                    ],
                    options={
                        'verbose_name': 'report figure',
                        'verbose_name_plural': 'report figures',
                        'db_table': 'practice_reportvalue',
                        'ordering': ['order', 'code'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='assessment',
                    constraint=models.UniqueConstraint(fields=('unit', 'year'), name='practice_assessment_unit_year'),
                ),
                migrations.AddConstraint(
                    model_name='assessment',
                    constraint=models.CheckConstraint(condition=models.Q(('finalised', False), ('snapshot__isnull', False), _connector='OR'), name='practice_assessment_finalised_has_snapshot'),
                ),
                migrations.AddConstraint(
                    model_name='assessmentitem',
                    constraint=models.UniqueConstraint(fields=('assessment', 'code'), name='practice_assessmentitem_assessment_code'),
                ),
                migrations.AddConstraint(
                    model_name='assessmentitem',
                    constraint=models.CheckConstraint(condition=models.Q(('weight__gte', 0), ('target__gt', 0), ('cap__gte', 0)), name='practice_assessmentitem_positive'),
                ),
                migrations.AddConstraint(
                    model_name='manualitem',
                    constraint=models.UniqueConstraint(fields=('assessment', 'name'), name='practice_manualitem_assessment_name'),
                ),
                migrations.AddConstraint(
                    model_name='manualitem',
                    constraint=models.CheckConstraint(condition=models.Q(('max_score__gte', 0)), name='practice_manualitem_max_score'),
                ),
                migrations.AddConstraint(
                    model_name='manualscore',
                    constraint=models.UniqueConstraint(fields=('item', 'unit'), name='practice_manualscore_item_unit'),
                ),
                migrations.AddConstraint(
                    model_name='manualscore',
                    constraint=models.CheckConstraint(condition=models.Q(('score__gte', 0)), name='practice_manualscore_score_positive'),
                ),
                migrations.AddConstraint(
                    model_name='reportrun',
                    constraint=models.CheckConstraint(condition=models.Q(('month__gte', 1), ('month__lte', 12)), name='practice_reportrun_month_range'),
                ),
                migrations.AddConstraint(
                    model_name='reportrun',
                    constraint=models.CheckConstraint(condition=models.Q(('progress__lte', 100)), name='practice_reportrun_progress_range'),
                ),
                migrations.AddIndex(
                    model_name='monthlyreport',
                    index=models.Index(fields=['year', 'month'], name='practice_report_year_month'),
                ),
                migrations.AddConstraint(
                    model_name='monthlyreport',
                    constraint=models.UniqueConstraint(fields=('unit', 'year', 'month'), name='practice_monthlyreport_unit_year_month'),
                ),
                migrations.AddConstraint(
                    model_name='monthlyreport',
                    constraint=models.CheckConstraint(condition=models.Q(('month__gte', 1), ('month__lte', 12)), name='practice_monthlyreport_month_range'),
                ),
                migrations.AddConstraint(
                    model_name='reportvalue',
                    constraint=models.UniqueConstraint(fields=('report', 'code'), name='practice_reportvalue_report_code'),
                ),
            ],
            database_operations=[],
        ),
        move_content_types("practice", "reports", ["assessment", "assessmentitem", "figuresnapshot", "manualitem", "manualscore", "monthlyreport", "reportrun", "reportvalue"]),
    ]
