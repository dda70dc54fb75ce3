"""The test-database template (tests/db_template.py) is rebuilt whenever migrate could build
something else, and reused otherwise."""

from __future__ import annotations

from pathlib import Path

from tests import db_template

ENGINE = "django.db.backends.sqlite3"


def make_tree(root: Path) -> Path:
    migration = root / "src" / "tillid" / "risk" / "migrations" / "0001_initial.py"
    migration.parent.mkdir(parents=True)
    migration.write_text("operations = []\n")
    (root / "src" / "tillid" / "risk" / "templates").mkdir()
    (root / "requirements-dev.lock").write_text("django==5.2\n")
    return migration


def test_a_changed_or_added_migration_makes_a_new_template(tmp_path: Path) -> None:
    migration = make_tree(tmp_path)
    first = db_template.template_key(tmp_path, ENGINE)
    assert db_template.template_key(tmp_path, ENGINE) == first  # stable
    migration.write_text("operations = ['AddField']\n")
    changed = db_template.template_key(tmp_path, ENGINE)
    assert changed != first
    (migration.parent / "0002_more.py").write_text("operations = []\n")
    assert db_template.template_key(tmp_path, ENGINE) not in {first, changed}


def test_code_data_files_packages_and_engine_count_but_templates_do_not(tmp_path: Path) -> None:
    make_tree(tmp_path)
    first = db_template.template_key(tmp_path, ENGINE)
    (tmp_path / "src" / "tillid" / "risk" / "templates" / "page.html").write_text("<p>")
    assert db_template.template_key(tmp_path, ENGINE) == first
    (tmp_path / "src" / "tillid" / "risk" / "instrument.json").write_text("{}")
    second = db_template.template_key(tmp_path, ENGINE)
    assert second != first  # a data file a post_migrate step could load
    (tmp_path / "requirements-dev.lock").write_text("django==5.2.1\n")
    third = db_template.template_key(tmp_path, ENGINE)
    assert third != second  # third-party migrations
    assert db_template.template_key(tmp_path, "django.db.backends.postgresql") != third
