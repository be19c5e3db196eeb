"""The report library, taken over from ``pages`` (pages.0003)."""

import django.db.models.deletion
import django_countries.fields
import modelsearch.index
import uuid
import wagtail.fields
import wagtail.models.preview
from django.conf import settings
from django.db import migrations, models

MOVED = ("report", "reportindexpage")


def rename_content_types(apps, schema_editor):
    """Rows that point at a content type (revisions, workflow states,
    permissions, pages, the search and reference indexes) now mean the model
    in this app. On a new database the types do not exist yet: nothing to do."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="pages", model__in=MOVED).update(app_label="reports")


def rename_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="reports", model__in=MOVED).update(app_label="pages")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('pages', '0003_move_the_report_library_to_reports'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtaildocs', '0014_alter_document_file_size'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        # The tables exist already (renamed by pages.0003): state only.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ReportIndexPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('summary', models.TextField(blank=True, help_text='One to three sentences. Shown in listings, under the title and in search engines.', verbose_name='summary')),
                        ('body', wagtail.fields.StreamField([('heading', 2), ('paragraph', 3), ('quote', 6), ('image', 9), ('reports', 13), ('call_to_action', 18)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'help_text': 'A short heading for the next part.', 'label': 'Heading', 'max_length': 120}), 1: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('h2', 'Main heading (h2)'), ('h3', 'Subheading (h3)')], 'help_text': 'Use a subheading only directly under a main heading.', 'label': 'Level'}), 2: ('wagtail.blocks.StructBlock', [[('text', 0), ('level', 1)]], {}), 3: ('wagtail.blocks.RichTextBlock', (), {'description': 'Running text, with bold, italic, links and lists.', 'features': ['bold', 'italic', 'link', 'document-link', 'ol', 'ul'], 'icon': 'pilcrow', 'label': 'Paragraph', 'preview_value': '<p>Krisesentersekretariatet ser solidaritetsarbeid som viktig.</p>', 'template': 'pages/blocks/paragraph_block.html'}), 4: ('wagtail.blocks.TextBlock', (), {'help_text': 'The words quoted, without quotation marks.', 'label': 'Quote'}), 5: ('wagtail.blocks.CharBlock', (), {'help_text': 'Name and, if useful, role.', 'label': 'Who said it', 'required': False}), 6: ('wagtail.blocks.StructBlock', [[('text', 4), ('attribution', 5)]], {}), 7: ('wagtail.images.blocks.ImageBlock', [], {'label': 'Image'}), 8: ('wagtail.blocks.CharBlock', (), {'help_text': 'Shown under the image. Optional.', 'label': 'Caption', 'required': False}), 9: ('wagtail.blocks.StructBlock', [[('image', 7), ('caption', 8)]], {}), 10: ('wagtail.blocks.CharBlock', (), {'help_text': 'For example “Read more”. Leave empty for no heading.', 'label': 'Heading', 'max_length': 120, 'required': False}), 11: ('wagtail.snippets.blocks.SnippetChooserBlock', ('reports.Report',), {'label': 'Report'}), 12: ('wagtail.blocks.ListBlock', (11,), {'help_text': 'Choose reports from the report library, in the order to show them.', 'label': 'Reports'}), 13: ('wagtail.blocks.StructBlock', [[('heading', 10), ('reports', 12)]], {}), 14: ('wagtail.blocks.CharBlock', (), {'help_text': 'One sentence that says why to follow the link.', 'label': 'Text', 'max_length': 200}), 15: ('wagtail.blocks.CharBlock', (), {'help_text': 'What the button says, e.g. “Read the report”.', 'label': 'Button text', 'max_length': 60}), 16: ('wagtail.blocks.PageChooserBlock', (), {'help_text': 'Choose a page, or give an address below.', 'label': 'Page on this site', 'required': False}), 17: ('wagtail.blocks.URLBlock', (), {'help_text': 'Used only when no page is chosen.', 'label': 'Address elsewhere', 'required': False}), 18: ('wagtail.blocks.StructBlock', [[('text', 14), ('label', 15), ('page', 16), ('external_url', 17)]], {})}, help_text='The main text. Headings start at the largest size under the page title.', verbose_name='body')),
                    ],
                    options={
                        'verbose_name': 'report archive',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='Report',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('live', models.BooleanField(default=True, editable=False, verbose_name='live')),
                        ('has_unpublished_changes', models.BooleanField(default=False, editable=False, verbose_name='has unpublished changes')),
                        ('first_published_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='first published at')),
                        ('last_published_at', models.DateTimeField(editable=False, null=True, verbose_name='last published at')),
                        ('go_live_at', models.DateTimeField(blank=True, null=True, verbose_name='go live date/time')),
                        ('expire_at', models.DateTimeField(blank=True, null=True, verbose_name='expiry date/time')),
                        ('expired', models.BooleanField(default=False, editable=False, verbose_name='expired')),
                        ('locked', models.BooleanField(default=False, editable=False, verbose_name='locked')),
                        ('locked_at', models.DateTimeField(editable=False, null=True, verbose_name='locked at')),
                        ('title', models.CharField(help_text="The report's own title, as printed on it.", max_length=255, verbose_name='title')),
                        ('year', models.PositiveSmallIntegerField(blank=True, help_text='The year the report covers or was published. Leave empty if unknown.', null=True, verbose_name='year')),
                        ('kind', models.CharField(choices=[('report', 'Report'), ('annual_report', 'Annual report'), ('feasibility_study', 'Feasibility study'), ('conference_report', 'Conference report'), ('seminar_report', 'Seminar report'), ('study_trip_report', 'Study trip report'), ('progress_report', 'Progress report'), ('article', 'Article')], default='report', help_text='What sort of document this is.', max_length=32, verbose_name='kind')),
                        ('country', django_countries.fields.CountryField(blank=True, help_text='The country the report is about. Leave empty if it is about several.', max_length=2, verbose_name='country')),
                        ('language', models.CharField(choices=[('nb', 'Norwegian'), ('en', 'English')], default='nb', help_text='The language the report itself is written in.', max_length=8, verbose_name='language of the report')),
                        ('summary', models.TextField(blank=True, help_text='One or two sentences on what the report is about. Optional.', verbose_name='summary')),
                        ('external_url', models.URLField(blank=True, help_text='If the report is published on another website, its full address.', verbose_name='address elsewhere')),
                        ('unavailable_note', models.CharField(blank=True, help_text='If there is neither a file nor an address, say why, e.g. “Only available on paper”.', max_length=255, verbose_name='why there is no file')),
                        ('document', models.ForeignKey(blank=True, help_text='Upload or choose the report as a PDF.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtaildocs.document', verbose_name='PDF file')),
                        ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
                        ('live_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='live revision')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                        ('locked_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='locked_%(class)ss', to=settings.AUTH_USER_MODEL, verbose_name='locked by')),
                        ('related_page', models.ForeignKey(blank=True, help_text='The partner or conference this report belongs to, if any.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reports', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='partner or conference')),
                    ],
                    options={
                        'verbose_name': 'report',
                        'verbose_name_plural': 'reports',
                        'abstract': False,
                        'unique_together': {('translation_key', 'locale')},
                    },
                    bases=(wagtail.models.preview.PreviewableMixin, modelsearch.index.Indexed, models.Model),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_types, rename_content_types_back),
    ]
