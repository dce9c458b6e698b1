# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The web client's own calls, made over HTTP as the logged-in user.

Screens are opened as the browser opens them (``get_views``, then ``web_read``
with the specification the view's fields make), so a field, a compute or a view
node that needs rights the user lacks fails the test as it would in the browser.
"""

import json

from odoo.tests import new_test_user


class WebClientCalls:
    """A mixin put before an :class:`~odoo.tests.HttpCase` with a ``company``."""

    @classmethod
    def browser_user(cls, login, groups):
        """A user of the test company with ``groups`` (xml ids, comma-separated), who
        logs in with ``authenticate(login, login)``."""
        return new_test_user(cls.env, login=login, groups=groups, company_id=cls.company.id)

    def call(self, model, method, *args, **kwargs):
        """One call of the web client; an error fails the test with the user's message."""
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": model,
                        "method": method,
                        "args": list(args),
                        "kwargs": kwargs,
                    },
                }
            ).encode(),
            headers={"Content-Type": "application/json"},
        )
        answer = response.json()
        if "error" in answer:
            error = answer["error"]["data"]
            self.fail(f"{model}.{method}: {error['name']}: {error['message']}")
        return answer["result"]

    def view_fields(self, model, view_type, view_id=False, context=None):
        """The view as the logged-in user gets it: its arch and its fields."""
        views = self.call(
            model, "get_views", [[view_id, view_type]], options={}, context=context or {}
        )
        fields = views["models"][model]
        fields = fields.get("fields", fields)
        return views["views"][view_type]["arch"], fields

    @staticmethod
    def specification(fields):
        """What the web client reads of ``fields``: relations by their display name."""
        return {
            name: {"fields": {"display_name": {}}}
            if field["type"] in ("many2one", "one2many", "many2many")
            else {}
            for name, field in fields.items()
            if field["type"] != "properties"
        }

    def open_form(self, record):
        """Open ``record`` in its form as the logged-in user; returns (arch, values)."""
        arch, fields = self.view_fields(record._name, "form")
        values = self.call(record._name, "web_read", [record.id], self.specification(fields))
        self.assertEqual(values[0]["id"], record.id)
        return arch, values[0]
