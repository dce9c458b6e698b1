/** @odoo-module **/
// Copyright 2026 Ecom Bridge
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

// The shop staff import a file from the dashboard: one order imported, one held
// (an unknown SKU), one failed (an unknown currency); the result says so and gives
// each order its reason. The Python test gives the file and the words to read in
// the user's language (window.ecomTour).
registry.category("web_tour.tours").add("ecom_import_file_tour", {
    steps: () => [
        {
            content: "Import a File from the shop's card",
            trigger: ".o_kanban_record:contains(Boutique Test) button[name=action_import_file]",
            run: "click",
        },
        {
            content: "Give it the shop's export",
            trigger: ".modal .o_field_widget[name=file] input[type=file]:not(:visible)",
            run: () => {
                const input = document.querySelector(
                    ".modal .o_field_widget[name=file] input[type=file]"
                );
                const files = new DataTransfer();
                files.items.add(
                    new File([window.ecomTour.file], "orders.json", {type: "application/json"})
                );
                input.files = files.files;
                input.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "The file is taken",
            trigger: ".modal .o_field_widget[name=file] input.o_input:value(orders.json)",
        },
        {
            content: "Import",
            trigger: ".modal-footer button[name=action_import]",
            run: "click",
        },
        {
            content: "The result counts the orders",
            trigger: ".modal .o_field_widget[name=summary]:contains(" + window.ecomTour.summary + ")",
        },
        {
            content: "One of them held",
            trigger: ".modal .o_field_widget[name=summary]",
            run: () => {
                const text = document.querySelector(".modal .o_field_widget[name=summary]").textContent;
                if (!text.includes(window.ecomTour.held)) {
                    throw new Error(`"${window.ecomTour.held}" not in: ${text}`);
                }
            },
        },
        {
            content: "The held order's reason: its unknown SKU",
            trigger: ".modal .o_data_row:contains(#1098) .o_data_cell[name=reason]:contains(SKU-NOUVEAU)",
        },
        {
            content: "The failed order's reason, under the shop's order name",
            trigger:
                ".modal .o_data_row:contains(#1099) .o_data_cell[name=reason]:contains(" +
                window.ecomTour.currency +
                ")",
        },
    ],
});
