/** @odoo-module **/
// Copyright 2026 Ecom Bridge
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

// The same path as ecom_accountant_review_tour, for a French-speaking accountant:
// the labels she reads on the way are French.
registry.category("web_tour.tours").add("ecom_accountant_review_fr_tour", {
    url: "/odoo/action-ecom_accounting_rules.ecom_review_item_action",
    steps: () => [
        {
            content: "La file de contrôle, en français",
            trigger: ".o_breadcrumb:contains(File de contrôle)",
        },
        {
            content: "Ses colonnes aussi",
            trigger: ".o_list_view thead th:contains(Motif)",
        },
        {
            content: "Ouvrir le remboursement",
            trigger:
                ".o_data_row:contains(#9811):contains(Remboursement ou retour) .o_data_cell[name=shop_reference]",
            run: "click",
        },
        {
            content: "Le résoudre",
            trigger: "button[name=action_resolve]:contains(Résoudre)",
            run: "click",
        },
        {
            content: "L'avoir est proposé d'abord",
            trigger:
                ".modal .o_field_widget[name=resolution] input[data-value=credit_note]:checked",
        },
        {
            content: "Sous son nom français",
            trigger:
                ".modal .o_field_widget[name=resolution] label:contains(Avoir à partir du remboursement de la boutique)",
        },
        {
            content: "Seules les résolutions d'un remboursement sont proposées",
            trigger:
                ".modal .o_field_widget[name=resolution]:has(input[data-value=manual]):not(:has(input[data-value=post_anyway])):not(:has(input[data-value=payout_reverse])):not(:has(input[data-value=lost_parcel]))",
        },
        {
            content: "Appliquer",
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            content: "Une notification dit qu'il est réglé",
            trigger: ".o_notification:contains(réglé)",
        },
        {
            content: "L'élément est traité",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Traité)",
        },
        {
            content: "Retour à la file",
            trigger: ".o_breadcrumb .o_back_button",
            run: "click",
        },
        {
            content: "Ouvrir le colis perdu",
            trigger: ".o_data_row:contains(#9812):contains(Colis perdu) .o_data_cell[name=shop_reference]",
            run: "click",
        },
        {
            content: "Le résoudre",
            trigger: "button[name=action_resolve]",
            run: "click",
        },
        {
            content: "Un colis perdu passe en perte par défaut",
            trigger:
                ".modal .o_field_widget[name=resolution] input[data-value=lost_parcel]:checked",
        },
        {
            content: "Sous son nom français",
            trigger:
                '.modal .o_field_widget[name=resolution] label:contains("Passage en perte d\'un colis perdu")',
        },
        {
            content: "Seules les résolutions d'un colis perdu sont proposées",
            trigger:
                ".modal .o_field_widget[name=resolution]:has(input[data-value=credit_note]):not(:has(input[data-value=accept_difference])):not(:has(input[data-value=dispute_won]))",
        },
        {
            content: "Le client reçoit sa commande à nouveau, par défaut",
            trigger:
                ".modal .o_field_widget[name=lost_outcome] input[data-value=reship]:checked",
        },
        {
            content: "Dit en français",
            trigger:
                ".modal .o_field_widget[name=lost_outcome] label:contains(Renvoyer la commande)",
        },
        {
            content: "Appliquer",
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            content: "Une notification dit qu'il est réglé",
            trigger: ".o_notification:contains(réglé)",
        },
        {
            content: "Ouvrir le menu Boutiques en ligne",
            trigger: ".o_menu_sections button:contains(Boutiques en ligne)",
            run: "click",
        },
        {
            content: "Ouvrir le rapport d'automatisation",
            trigger: ".dropdown-item:contains(Automatisation)",
            run: "click",
        },
        {
            content: "Le taux d'automatisation est une colonne",
            trigger: '.o_pivot thead th:contains("Taux d\'automatisation")',
        },
        {
            content: "Les commandes du mois sont comptées",
            trigger: ".o_pivot tbody tr:first .o_pivot_cell_value:contains(3)",
        },
    ],
});
