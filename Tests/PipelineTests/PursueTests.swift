import Testing

/// The outcome lifecycle, work-list paging and benefits suites, one at a time: each starts a
/// whole pipeline (about 25 connections), and the shared test server has 300.
@Suite("Pursue: outcomes, work list, benefits", .serialized)
struct PursueTests {}
