/** @odoo-module **/
// Copyright 2026 Ecom Bridge
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

// The shop staff clear a held order: the unknown SKU now exists, they open the held
// order from the dashboard and reprocess it; a notification says what happened.
registry.category("web_tour.tours").add("ecom_staff_held_order_tour", {
    url: "/odoo/action-ecom_connector.ecom_shop_dashboard_action",
    steps: () => [
        {
            content: "The shop's card shows one held order: open it",
            trigger: ".o_kanban_record:contains(Boutique Test) button[name=action_open_held_orders]:contains(1)",
            run: "click",
        },
        {
            content: "Open the held order",
            trigger: ".o_data_row:contains(#7201) .o_data_cell",
            run: "click",
        },
        {
            content: "The banner says why it is held",
            trigger: ".alert-warning:contains(Held for review):contains(TOUR-SKU)",
        },
        {
            content: "No way to confirm it by hand",
            trigger: ".o_form_view:not(:has(button[name=action_confirm]:visible))",
        },
        {
            content: "Reprocess it",
            trigger: "button[name=action_ecom_reprocess]",
            run: "click",
        },
        {
            content: "The notification says it was imported",
            trigger: ".o_notification:contains(1 order imported)",
        },
        {
            content: "The order is now confirmed",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Sales Order)",
        },
    ],
});
