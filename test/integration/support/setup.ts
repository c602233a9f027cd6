// Integration tests wait on real processes: network start-up, endorsement by
// several organisations, block commits.
jest.setTimeout(10 * 60 * 1000);
