/**
 * What command-service answers its callers: versions after a change, and the secrets it shows once.
 */
package com.serviceaccounts.contract.command;
