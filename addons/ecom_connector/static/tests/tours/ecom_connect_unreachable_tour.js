/** @odoo-module **/
// Copyright 2026 Ecom Bridge
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

// The admin connects a shop whose address does not answer, skips the connection
// test and clicks Finish: the assistant goes back to the connection step and says,
// in one sentence, what is wrong; no pull starts. The Python test gives the address
// and the words to read in the user's language (window.ecomTour).
registry.category("web_tour.tours").add("ecom_connect_unreachable_tour", {
    steps: () => [
        {
            content: "Open the Web Shops menu",
            trigger: ".o_main_navbar .o_menu_sections button:contains(" + window.ecomTour.menu + ")",
            run: "click",
        },
        {
            content: "Connect a Shop",
            trigger: ".o_popover .dropdown-item:contains(" + window.ecomTour.connect + ")",
            run: "click",
        },
        {
            content: "Name the shop",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Boutique Muette && click .modal-title",
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
            content: "An address where nothing answers",
            trigger: ".modal .o_field_widget[name=api_url] input",
            run: (helpers) => helpers.edit(window.ecomTour.url),
        },
        {
            content: "A token",
            trigger: ".modal .o_field_widget[name=access_token] input",
            run: "edit shpat_tour",
        },
        {
            content: "Next, without testing",
            trigger: ".modal-footer button[name=action_next]",
            run: "click",
        },
        {
            content: "The last step says the connection is not tested yet",
            trigger: ".modal .alert-info:contains(" + window.ecomTour.untested + ")",
        },
        {
            content: "Finish",
            trigger: ".modal-footer button[name=action_finish]",
            run: "click",
        },
        {
            content: "Back on the connection, with a clear sentence",
            trigger:
                ".modal .alert-danger:contains(" +
                window.ecomTour.refused +
                "):contains(" +
                window.ecomTour.host +
                ")",
        },
        {
            content: "Still on the connection step, not following a pull",
            trigger: ".modal:not(:has(.o_ecom_first_import:visible)) .o_field_widget[name=api_url]",
        },
    ],
});
