-- A copy of the database (staging, a test restore) must not write to the live
-- shops nor take their webhooks: stock and shipment pushes off, webhook secrets
-- wiped (the copy then refuses every webhook call with 401).
UPDATE ecom_shop
   SET push_stock = false,
       push_shipments = false,
       webhook_secret = NULL;
