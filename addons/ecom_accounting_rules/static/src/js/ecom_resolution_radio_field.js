/** @odoo-module */
// Copyright 2026 Ecom Bridge
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import { registry } from "@web/core/registry";
import { RadioField, radioField } from "@web/views/fields/radio/radio_field";

/**
 * Radio buttons offering only the choices a field of the record lists.
 *
 * The web client loads a view's selection once per model and language (never
 * with the record's context), so the server cannot narrow a selection for
 * one record: the record names its allowed values in a comma-separated
 * field (option ``allowed_field``) and only those are shown.
 */
export class EcomAllowedRadioField extends RadioField {
    static props = {
        ...RadioField.props,
        allowedField: { type: String, optional: true },
    };

    get items() {
        const items = super.items;
        const allowed = this.props.allowedField && this.props.record.data[this.props.allowedField];
        if (!allowed) {
            return items;
        }
        const codes = allowed.split(",");
        return items.filter(
            ([value]) => value === this.props.record.data[this.props.name] || codes.includes(value)
        );
    }
}

registry.category("fields").add("ecom_allowed_radio", {
    ...radioField,
    component: EcomAllowedRadioField,
    extractProps(fieldInfo, dynamicInfo) {
        return {
            ...radioField.extractProps(fieldInfo, dynamicInfo),
            allowedField: fieldInfo.options.allowed_field,
        };
    },
});
