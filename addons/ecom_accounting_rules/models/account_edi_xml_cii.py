# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models


class AccountEdiXmlCii(models.AbstractModel):
    """The Factur-X (CII) of a business's web order carries the reform's mentions."""

    _inherit = "account.edi.xml.cii"

    def _export_invoice_vals(self, invoice):
        """Odoo's Factur-X values, with the French reform's mentions on a B2B web invoice.

        The buyer's legal registration (BT-47) is its SIREN under scheme 0002
        (Odoo sends the SIRET it finds, under the SIREN's scheme); the notes
        (BT-21/BT-22, ``ecom_notes``: ``(subject code, text)`` pairs) carry
        the operation category and the VAT-on-debits option. The delivery
        address (BG-15) is Odoo's own ``partner_shipping_id``.

        :param invoice: an ``account.move``
        :return: the template values of ``account_invoice_facturx_export_22``
        """
        vals = super()._export_invoice_vals(invoice)
        vals["ecom_notes"] = []
        if invoice._ecom_is_business_sale():
            siren = invoice._ecom_customer_siren()
            if siren:
                vals["buyer_specified_legal_organization"] = siren
            vals["ecom_notes"] = [
                (mention["subject_code"], mention["text"])
                for mention in invoice._ecom_einvoice_mentions()
                if mention["subject_code"]
            ]
        return vals
