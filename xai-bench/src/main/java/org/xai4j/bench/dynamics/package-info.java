/** Training dynamics at scale: recording, summarising and drawing 100 epochs × 100,000 instances. */
package org.xai4j.bench.dynamics;
