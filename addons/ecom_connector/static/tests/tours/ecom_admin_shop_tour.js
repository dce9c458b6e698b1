/** @odoo-module **/
// Copyright 2026 Ecom Bridge
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// The admin connects a Shopify shop with the Connect a Shop assistant (against
// the local stand-in of Shopify's API the Python test serves), starts its first
// import (run at once by the Python test, without a job runner) and sees it done,
// then maps its reduced tax rate to an Odoo tax. The Python test gives the
// stand-in's address and token (window.ecomTour), makes the tax and checks the
// saved records.
registry.category("web_tour.tours").add("ecom_admin_shop_tour", {
    url: "/odoo/action-ecom_connector.ecom_shop_action",
    steps: () => [
        {
            content: "Open the Web Shops menu",
            trigger: ".o_main_navbar .o_menu_sections button:contains(Web Shops)",
            run: "click",
        },
        {
            content: "Connect a Shop",
            trigger: ".o_popover .dropdown-item:contains(Connect a Shop)",
            run: "click",
        },
        {
            content: "Name the shop",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Boutique Tour && click .modal-title",
        },
        {
            content: "A code is suggested from the name",
            trigger: ".modal .o_field_widget[name=code] input:value(BOUTIQUE-TOUR)",
        },
        {
            content: "Give it a short code",
            trigger: ".modal .o_field_widget[name=code] input",
            run: "edit TOUR",
        },
        {
            content: "It is a Shopify shop",
            trigger: ".modal .o_field_widget[name=platform] select",
            run: 'select "shopify"',
        },
        {
            content: "Next: the connection",
            trigger: ".modal-footer button[name=action_next]",
            run: "click",
        },
        {
            content: "The shop's address",
            trigger: ".modal .o_field_widget[name=api_url] input",
            run: (helpers) => helpers.edit(window.ecomTour.url),
        },
        {
            content: "Where to find the token is said beside it",
            trigger: ".modal .text-muted:contains(Admin API access token)",
        },
        {
            content: "The Admin API access token",
            trigger: ".modal .o_field_widget[name=access_token] input",
            run: (helpers) => helpers.edit(window.ecomTour.token),
        },
        {
            content: "Test the connection",
            trigger: ".modal button[name=action_test_connection]",
            run: "click",
        },
        {
            content: "The shop answered",
            trigger: ".modal .alert-success:contains(connection and credentials work)",
        },
        {
            content: "Next: the first orders",
            trigger: ".modal-footer button[name=action_next]",
            run: "click",
        },
        {
            content: "Import the orders since November 1st",
            trigger: ".modal .o_field_widget[name=import_start_date] input",
            run: "edit 11/01/2026 00:00:00 && press Enter",
        },
        {
            content: "Finish: the first import starts",
            trigger: ".modal-footer button[name=action_finish]",
            run: "click",
        },
        {
            content: "The first import's progress is shown",
            trigger: ".modal .o_ecom_first_import .o_field_ecom_live_progressbar .o_progressbar",
        },
        {
            content: "With its counters: the shop's three orders are imported",
            trigger: ".modal .o_ecom_first_import .o_field_widget[name=run_imported_count]:contains(3)",
        },
        {
            content: "Held, as their products are new to Odoo",
            trigger: ".modal .o_ecom_first_import .o_field_widget[name=run_held_count]:contains(3)",
        },
        {
            content: "The assistant says they are in, and what comes next",
            trigger: ".modal .alert-success:contains(The first orders are in)",
        },
        {
            content: "Webhooks without the app's secret: said, not hidden",
            trigger: ".modal .alert-warning:contains(Webhooks not registered)",
        },
        {
            content: "Open the shop to map its taxes",
            trigger: ".modal-footer button[name=action_open_shop]",
            run: "click",
        },
        {
            content: "The shop's form",
            trigger: ".o_breadcrumb:contains(Boutique Tour)",
        },
        {
            content: "Open the tax mappings",
            trigger: ".o_notebook a[name=taxes]",
            run: "click",
        },
        {
            content: "Add a mapping",
            trigger: ".o_field_widget[name=tax_map_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "The shop's rate",
            trigger: ".o_field_widget[name=tax_map_ids] .o_selected_row [name=rate] input",
            run: "edit 5.5",
        },
        {
            content: "The Odoo tax",
            trigger: ".o_field_widget[name=tax_map_ids] .o_selected_row [name=tax_id] input",
            run: "edit Tour TVA 5.5",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains(Tour TVA 5.5)",
            run: "click",
        },
        ...stepUtils.saveForm(),
        {
            content: "The shop is saved under its name",
            trigger: ".o_breadcrumb:contains(Boutique Tour)",
        },
    ],
});
