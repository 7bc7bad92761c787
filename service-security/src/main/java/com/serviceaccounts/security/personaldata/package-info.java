/**
 * Personal data (a contact's email) sealed with a per-account data key, so that deleting the key
 * erases the data everywhere it was copied (crypto-shredding); the keys are served by
 * command-service and looked up by the services that open the data.
 */
package com.serviceaccounts.security.personaldata;
