"""The models move here from practice; their tables keep their names (practice_*).

On a database built before the move nothing changes but Django's bookkeeping: the models' state,
and their content types, relabelled so that admin history and permissions follow them."""

import django.db.models.deletion
import uuid
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
                    name='SatisfactionEvaluation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('title', models.CharField(max_length=100, verbose_name='title')),
                        ('status', models.CharField(choices=[('open', 'Open'), ('closed', 'Closed')], db_index=True, default='open', max_length=10, verbose_name='status')),
                        ('opened_at', models.DateTimeField(auto_now_add=True, verbose_name='opened at')),
                        ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed at')),
                        ('satisfied', models.PositiveIntegerField(blank=True, null=True, verbose_name='satisfied')),
                        ('basically_satisfied', models.PositiveIntegerField(blank=True, null=True, verbose_name='basically satisfied')),
                        ('dissatisfied', models.PositiveIntegerField(blank=True, null=True, verbose_name='dissatisfied')),
                        ('representatives_count', models.PositiveIntegerField(blank=True, null=True, verbose_name='representatives')),
                        ('satisfaction_rate', models.DecimalField(blank=True, decimal_places=1, max_digits=5, null=True, verbose_name='satisfaction rate (%)')),
                        ('closed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='closed by')),
                        ('opened_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='opened by')),
                        ('village', models.ForeignKey(limit_choices_to={'level': 'village'}, on_delete=django.db.models.deletion.PROTECT, related_name='satisfaction_evaluations', to='practice.unit', verbose_name='village')),
                    ],
                    options={
                        'verbose_name': 'satisfaction evaluation',
                        'verbose_name_plural': 'satisfaction evaluations',
                        'db_table': 'practice_satisfactionevaluation',
                        'ordering': ['-year', 'village__path'],
                    },
                ),
                migrations.CreateModel(
                    name='Representative',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=50, verbose_name='name')),
                        ('phone', models.CharField(blank=True, max_length=11, verbose_name='mobile phone')),
                        ('code_hash', models.CharField(editable=False, max_length=64, verbose_name='code hash')),
                        ('evaluation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='representatives', to='honours.satisfactionevaluation', verbose_name='evaluation')),
                    ],
                    options={
                        'verbose_name': 'representative',
                        'verbose_name_plural': 'representatives',
                        'db_table': 'practice_representative',
                        'ordering': ['id'],
                    },
                ),
                migrations.CreateModel(
                    name='BallotCast',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('channel', models.CharField(choices=[('phone', 'On the phone with a one-time code'), ('paper', 'Paper ballot entered by staff')], max_length=8, verbose_name='channel')),
                        ('cast_at', models.DateTimeField(auto_now_add=True, verbose_name='cast at')),
                        ('entered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('representative', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ballots', to='honours.representative')),
                        ('evaluation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ballots', to='honours.satisfactionevaluation')),
                    ],
                    options={
                        'verbose_name': 'ballot cast',
                        'verbose_name_plural': 'ballots cast',
                        'db_table': 'practice_ballotcast',
                    },
                ),
                migrations.CreateModel(
                    name='Star',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(db_index=True, verbose_name='year')),
                        ('code', models.SlugField(max_length=32, verbose_name='code')),
                        ('name', models.CharField(max_length=30, verbose_name='name')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                    ],
                    options={
                        'verbose_name': 'star',
                        'verbose_name_plural': 'stars',
                        'db_table': 'practice_star',
                        'ordering': ['year', 'order', 'code'],
                        'constraints': [models.UniqueConstraint(fields=('year', 'code'), name='practice_star_year_code')],
                    },
                ),
                migrations.CreateModel(
                    name='StarEvaluation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('star_count', models.PositiveSmallIntegerField(default=0, verbose_name='stars earned')),
                        ('is_ten_star', models.BooleanField(default=False, verbose_name='ten-star household')),
                        ('status', models.CharField(choices=[('proposed', 'Proposed by the station'), ('returned', 'Returned to the station'), ('in_notice', 'In public notice'), ('final', 'Final')], db_index=True, default='proposed', max_length=16, verbose_name='status')),
                        ('note', models.CharField(blank=True, max_length=200, verbose_name='note')),
                        ('proposed_at', models.DateTimeField(verbose_name='proposed at')),
                        ('approved_at', models.DateTimeField(blank=True, null=True, verbose_name='approved at')),
                        ('notice_ends_at', models.DateTimeField(blank=True, null=True, verbose_name='public notice ends')),
                        ('finalized_at', models.DateTimeField(blank=True, null=True, verbose_name='finalized at')),
                        ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='approved by')),
                        ('finalized_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='finalized by')),
                        ('household', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='star_evaluations', to='practice.household', verbose_name='household')),
                        ('proposed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='proposed by')),
                        ('stars', models.ManyToManyField(blank=True, to='honours.star', verbose_name='stars earned')),
                        ('village', models.ForeignKey(limit_choices_to={'level': 'village'}, on_delete=django.db.models.deletion.PROTECT, related_name='star_evaluations', to='practice.unit', verbose_name='village')),
                    ],
                    options={
                        'verbose_name': 'star evaluation',
                        'verbose_name_plural': 'star evaluations',
                        'db_table': 'practice_starevaluation',
                        'ordering': ['-year', 'household__number'],
                    },
                ),
                migrations.CreateModel(
                    name='StarEvaluationEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('action', models.CharField(max_length=20, verbose_name='action')),
                        ('from_status', models.CharField(blank=True, max_length=16, verbose_name='from')),
                        ('to_status', models.CharField(max_length=16, verbose_name='to')),
                        ('note', models.CharField(blank=True, max_length=300, verbose_name='note')),
                        ('at', models.DateTimeField(auto_now_add=True, verbose_name='at')),
                        ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('evaluation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='honours.starevaluation')),
                    ],
                    options={
                        'verbose_name': 'star evaluation event',
                        'verbose_name_plural': 'star evaluation events',
                        'db_table': 'practice_starevaluationevent',
                        'ordering': ['at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='StarObjection',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.TextField(max_length=1000, verbose_name='objection')),
                        ('filed_at', models.DateTimeField(auto_now_add=True, verbose_name='filed at')),
                        ('answer', models.TextField(blank=True, max_length=1000, verbose_name='answer')),
                        ('upheld', models.BooleanField(blank=True, null=True, verbose_name='upheld')),
                        ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='answered at')),
                        ('answered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='answered by')),
                        ('evaluation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='objections', to='honours.starevaluation', verbose_name='evaluation')),
                        ('filed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='filed by')),
                    ],
                    options={
                        'verbose_name': 'objection',
                        'verbose_name_plural': 'objections',
                        'db_table': 'practice_starobjection',
                        'ordering': ['filed_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Vote',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('choice', models.CharField(choices=[('satisfied', 'Satisfied'), ('basically_satisfied', 'Basically satisfied'), ('dissatisfied', 'Dissatisfied')], max_length=20, verbose_name='choice')),
                        ('evaluation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='votes', to='honours.satisfactionevaluation')),
                    ],
                    options={
                        'verbose_name': 'vote',
                        'verbose_name_plural': 'votes',
                        'db_table': 'practice_vote',
                    },
                ),
                migrations.CreateModel(
                    name='Honour',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('kind', models.CharField(choices=[('ten_star', 'Ten-star household'), ('beautiful_family', 'Most beautiful family'), ('customs_leader', 'Customs-reform leader'), ('party_member', 'Outstanding party member')], max_length=20, verbose_name='honour')),
                        ('person_name', models.CharField(max_length=50, verbose_name='name')),
                        ('citation', models.CharField(blank=True, max_length=200, verbose_name='citation')),
                        ('certificate_no', models.CharField(max_length=40, unique=True, verbose_name='certificate number')),
                        ('awarded_at', models.DateTimeField(auto_now_add=True, verbose_name='awarded at')),
                        ('awarded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='awarded by')),
                        ('household', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='honours', to='practice.household', verbose_name='household')),
                        ('village', models.ForeignKey(limit_choices_to={'level': 'village'}, on_delete=django.db.models.deletion.PROTECT, related_name='honours', to='practice.unit', verbose_name='village')),
                    ],
                    options={
                        'verbose_name': 'honour',
                        'verbose_name_plural': 'honours',
                        'db_table': 'practice_honour',
                        'ordering': ['-year', 'kind', 'person_name'],
                        'indexes': [models.Index(fields=['village', 'year'], name='practice_ho_village_fe95f4_idx')],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('household__isnull', False)), fields=('kind', 'year', 'household'), name='practice_honour_kind_year_household'), models.UniqueConstraint(condition=models.Q(('household__isnull', True)), fields=('kind', 'year', 'village', 'person_name'), name='practice_honour_kind_year_village_person')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='satisfactionevaluation',
                    constraint=models.UniqueConstraint(fields=('village', 'year'), name='practice_satisfactionevaluation_village_year'),
                ),
                migrations.AddConstraint(
                    model_name='satisfactionevaluation',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('basically_satisfied__isnull', True), ('closed_at__isnull', True), ('dissatisfied__isnull', True), ('satisfied__isnull', True), ('status', 'open')), models.Q(('basically_satisfied__isnull', False), ('closed_at__isnull', False), ('dissatisfied__isnull', False), ('satisfied__isnull', False), ('status', 'closed')), _connector='OR'), name='practice_satisfactionevaluation_result_iff_closed'),
                ),
                migrations.AddConstraint(
                    model_name='representative',
                    constraint=models.UniqueConstraint(fields=('evaluation', 'code_hash'), name='practice_representative_code'),
                ),
                migrations.AddConstraint(
                    model_name='ballotcast',
                    constraint=models.UniqueConstraint(fields=('evaluation', 'representative'), name='practice_ballotcast_one_per_representative'),
                ),
                migrations.AddIndex(
                    model_name='starevaluation',
                    index=models.Index(fields=['village', 'year', 'status'], name='practice_st_village_8bb775_idx'),
                ),
                migrations.AddConstraint(
                    model_name='starevaluation',
                    constraint=models.UniqueConstraint(fields=('household', 'year'), name='practice_starevaluation_household_year'),
                ),
            ],
            database_operations=[],
        ),
        move_content_types("practice", "honours", ["ballotcast", "honour", "representative", "satisfactionevaluation", "star", "starevaluation", "starevaluationevent", "starobjection", "vote"]),
    ]
