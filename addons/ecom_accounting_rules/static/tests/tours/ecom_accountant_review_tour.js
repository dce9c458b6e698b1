/** @odoo-module **/
// Copyright 2026 Ecom Bridge
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

// The accountant works through the review queue: credits a refund, writes off a lost
// parcel, then reads the automation report. The Python test makes the orders and checks
// the entries.
registry.category("web_tour.tours").add("ecom_accountant_review_tour", {
    url: "/odoo/action-ecom_accounting_rules.ecom_review_item_action",
    steps: () => [
        {
            content: "Open the refund",
            trigger: ".o_data_row:contains(#9801):contains(Refund) .o_data_cell[name=shop_reference]",
            run: "click",
        },
        {
            content: "Resolve it",
            trigger: "button[name=action_resolve]",
            run: "click",
        },
        {
            content: "The credit note is offered first, with the amount the shop refunded",
            trigger:
                ".modal .o_field_widget[name=resolution] input[data-value=credit_note]:checked",
        },
        {
            content: "The amount is the shop's refund",
            trigger: ".modal .o_field_widget[name=credit_amount]:contains(24.00)",
        },
        {
            content: "Apply",
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            content: "A notification says it is resolved",
            trigger: ".o_notification:contains(resolved)",
        },
        {
            content: "The item is done",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Done)",
        },
        {
            content: "Back to the queue",
            trigger: ".o_breadcrumb .o_back_button",
            run: "click",
        },
        {
            content: "Open the lost parcel",
            trigger: ".o_data_row:contains(#9802):contains(Parcel l) .o_data_cell[name=shop_reference]",
            run: "click",
        },
        {
            content: "Resolve it",
            trigger: "button[name=action_resolve]",
            run: "click",
        },
        {
            content: "A lost parcel is written off by default",
            trigger:
                ".modal .o_field_widget[name=resolution] input[data-value=lost_parcel]:checked",
        },
        {
            content: "Apply",
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            content: "A notification says it is resolved",
            trigger: ".o_notification:contains(resolved)",
        },
        {
            content: "Open the Web Shops menu",
            trigger: ".o_menu_sections button:contains(Web Shops)",
            run: "click",
        },
        {
            content: "Open the automation report",
            trigger: ".dropdown-item:contains(Automation)",
            run: "click",
        },
        {
            content: "Months down, measures across: the rate is a column",
            trigger: ".o_pivot thead th:contains(Automation Rate)",
        },
        {
            content: "This month's orders are counted",
            trigger: ".o_pivot tbody tr:first .o_pivot_cell_value:contains(3)",
        },
    ],
});
