/** @odoo-module **/
// Copyright 2026 Ecom Bridge
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

// The same path as ecom_staff_held_order_tour, for French-speaking shop staff: every
// word they read on the way is French.
registry.category("web_tour.tours").add("ecom_staff_held_order_fr_tour", {
    url: "/odoo/action-ecom_connector.ecom_shop_dashboard_action",
    steps: () => [
        {
            content: "La carte de la boutique montre une commande bloquée",
            trigger: ".o_kanban_record:contains(commandes bloquées) button[name=action_open_held_orders]:contains(1)",
            run: "click",
        },
        {
            content: "Ouvrir la commande bloquée",
            trigger: ".o_data_row:contains(#7211) .o_data_cell",
            run: "click",
        },
        {
            content: "Le bandeau dit pourquoi",
            trigger: ".alert-warning:contains(En attente de contrôle):contains(TOUR-SKU)",
        },
        {
            content: "Retraiter",
            trigger: "button[name=action_ecom_reprocess]:contains(Retraiter)",
            run: "click",
        },
        {
            content: "La notification dit qu'elle est importée",
            trigger: ".o_notification:contains(1 commande importée)",
        },
        {
            content: "La commande est confirmée",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Commande client)",
        },
    ],
});
