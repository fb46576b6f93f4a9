#!/usr/bin/env bash
# Fail when the Dutch translation misses anything: regenerate the catalogue from the
# source (so a string someone forgot to extract counts too), then ask msgfmt for
# untranslated or fuzzy entries. The committed file is restored afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
po=locale/nl/LC_MESSAGES/django.po
backup=$(mktemp)
cp "$po" "$backup"
trap 'cp "$backup" "$po"; rm -f "$backup"' EXIT

.venv/bin/python manage.py makemessages -l nl --no-obsolete --ignore=.venv --ignore=staticfiles \
  --ignore=tests --add-location=file -v 0
stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1)
echo "Dutch translation: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "ERROR: the Dutch translation is incomplete. Run 'make messages' and translate:" >&2
    msgattrib --untranslated --no-obsolete "$po" | grep -E '^msgid' | head -40 >&2 || true
    msgattrib --only-fuzzy --no-obsolete "$po" | grep -E '^msgid' | head -40 >&2 || true
    exit 1 ;;
esac
# The hand-kept catalogue for the admin's JavaScript (strings Django's Dutch lacks).
js_stats=$(msgfmt --check --statistics -o /dev/null locale/nl/LC_MESSAGES/djangojs.po 2>&1)
echo "Dutch admin JavaScript: $js_stats"
case "$js_stats" in
  *untranslated*|*fuzzy*) echo "ERROR: locale/nl/LC_MESSAGES/djangojs.po is incomplete" >&2; exit 1 ;;
esac
