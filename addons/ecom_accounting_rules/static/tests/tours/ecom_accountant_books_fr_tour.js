/** @odoo-module **/
// Copyright 2026 Ecom Bridge
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

// A French Billing Administrator reads the books the web shops wrote, in Odoo
// Community: opens the latest journal entry from
// Accounting ▸ Web Shops, reads its lines, then exports the FEC from Reporting.
// The Python test makes the entries and checks the file the export left.
registry.category("web_tour.tours").add("ecom_accountant_books_fr_tour", {
    url: "/odoo/action-ecom_accounting_rules.ecom_review_item_action",
    steps: () => [
        {
            content: "Ouvrir le menu Boutiques en ligne",
            trigger: ".o_menu_sections button:contains(Boutiques en ligne)",
            run: "click",
        },
        {
            content: "Ouvrir les pièces comptables",
            trigger: ".dropdown-item:contains(Pièces comptables)",
            run: "click",
        },
        {
            content: "Ouvrir la dernière pièce",
            trigger: ".o_list_view .o_data_row:first .o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "L'onglet des écritures comptables",
            trigger: ".o_notebook .nav-link:contains(Écritures comptables)",
            run: "click",
        },
        {
            content: "Les lignes de la pièce sont là",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:nth-child(2)",
        },
        {
            content: "Ouvrir le menu Analyse",
            trigger: ".o_menu_sections button:contains(Analyse)",
            run: "click",
        },
        {
            content: "Ouvrir l'export FEC",
            trigger: ".dropdown-item:contains(Export FEC)",
            run: "click",
        },
        {
            content: "Générer le fichier",
            trigger: ".modal button[name=action_generate]:contains(Générer)",
            run: "click",
        },
        {
            content: "Le fichier est prêt à télécharger",
            trigger: ".modal .o_field_widget[name=fec_file]:contains(FEC)",
        },
        {
            content: "Ses écritures sont comptées",
            trigger: ".modal .o_field_widget[name=line_count]",
        },
    ],
});
