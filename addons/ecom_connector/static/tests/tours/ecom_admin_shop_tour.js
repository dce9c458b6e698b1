/** @odoo-module **/
// Copyright 2026 Ecom Bridge
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// The admin connects a CSV shop and maps its reduced tax rate to an Odoo tax.
// Data (the tax) is made by the Python test; it checks the saved records.
registry.category("web_tour.tours").add("ecom_admin_shop_tour", {
    url: "/odoo/action-ecom_connector.ecom_shop_action",
    steps: () => [
        {
            content: "Create a shop",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Boutique Tour",
        },
        {
            content: "Give it a code",
            trigger: ".o_field_widget[name=code] input",
            run: "edit TOUR",
        },
        {
            content: "It exports CSV files",
            trigger: ".o_field_widget[name=platform] select",
            run: 'select "csv"',
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
