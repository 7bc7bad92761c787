-- When the account was last deactivated or deleted: a token issued at or before that second is not
-- active, should the account be reactivated or restored (command-service refuses it the same way),
-- and a token issued after it has an iat of a later second. Rows of accounts deactivated before it
-- was kept have none (their earlier tokens had expired long before).
ALTER TABLE client_credentials ADD COLUMN tokens_not_before timestamptz;
