/** @odoo-module **/
// Copyright 2026 Ecom Bridge
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

// The shop staff map a held order's unknown SKU to a product from the order itself
// (Map and Reprocess) and read what it did. The Python test opens the held order,
// and gives the words to read in the user's language (window.ecomTour).
registry.category("web_tour.tours").add("ecom_map_reprocess_tour", {
    steps: () => [
        {
            content: "The held order offers Map and Reprocess",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_ecom_map_skus]",
            run: "click",
        },
        {
            content: "The assistant lists the unknown SKU",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row:contains(TOUR-MAP)",
        },
        {
            content: "Choose its product",
            trigger: ".modal .o_data_row:contains(TOUR-MAP) .o_data_cell[name=product_id]",
            run: "click",
        },
        {
            content: "Type the product's name",
            trigger: ".modal .o_data_row .o_field_widget[name=product_id] input",
            run: "edit Casquette Tour",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains(Casquette Tour)",
            run: "click",
        },
        {
            content: "Map and Reprocess",
            trigger: ".modal-footer button[name=action_map_and_reprocess]",
            run: "click",
        },
        {
            content: "The notification says what it did",
            trigger: ".o_notification",
            run: () => {
                const text = document.querySelector(".o_notification").textContent;
                for (const expected of window.ecomTour.said) {
                    if (!text.includes(expected)) {
                        throw new Error(`"${expected}" not in the notification: ${text}`);
                    }
                }
            },
        },
        {
            content: "No error dialog",
            trigger: "body:not(:has(.o_error_dialog))",
        },
    ],
});
