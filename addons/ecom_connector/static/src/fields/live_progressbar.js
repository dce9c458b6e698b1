/** @odoo-module **/
// Copyright 2026 Ecom Bridge
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {onMounted, onWillUnmount} from "@odoo/owl";
import {ProgressBarField, progressBarField} from "@web/views/fields/progress_bar/progress_bar_field";
import {registry} from "@web/core/registry";

// Seconds between two reloads of the record while the work it follows goes on.
const REFRESH_SECONDS = 2;

/**
 * Odoo's progress bar, reloading its record every few seconds until the
 * boolean field named by the ``done_field`` option is set: a pull and its
 * imports run in background jobs, the screen follows them.
 */
export class LiveProgressBarField extends ProgressBarField {
    static props = {
        ...ProgressBarField.props,
        doneField: {type: String, optional: true},
    };

    setup() {
        super.setup();
        let timer = null;
        onMounted(() => {
            timer = setInterval(() => this.refresh(), REFRESH_SECONDS * 1000);
        });
        onWillUnmount(() => clearInterval(timer));
    }

    get isDone() {
        const {doneField, record} = this.props;
        return doneField ? Boolean(record.data[doneField]) : this.currentValue >= 100;
    }

    refresh() {
        const record = this.props.record;
        if (this.isDone || !record.resId || record.dirty) {
            return;
        }
        record.load();
    }
}

export const liveProgressBarField = {
    ...progressBarField,
    component: LiveProgressBarField,
    extractProps: (fieldInfo, dynamicInfo) => ({
        ...progressBarField.extractProps(fieldInfo, dynamicInfo),
        doneField: fieldInfo.options.done_field,
    }),
};

registry.category("fields").add("ecom_live_progressbar", liveProgressBarField);
