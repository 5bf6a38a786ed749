/** Real infrastructure servers for tests and the local launcher. */
package io.platform.etl.testkit;
