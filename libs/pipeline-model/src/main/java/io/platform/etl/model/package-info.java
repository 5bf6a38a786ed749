/** Events, rule types, the StreamingPipeline spec and pure rule evaluation. */
package io.platform.etl.model;
