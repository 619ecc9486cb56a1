"""Helpers shared by the event, source, end-to-end and compatibility tests.

- :mod:`support.events`: the real AWS sample events in ``tests/fixtures/events`` and builders
  that change only the fields a test is about, per event source;
- :mod:`support.validate`: the per-source proxy response contract;
- :mod:`support.responses`: reading headers, cookies and bodies out of any proxy response;
- :mod:`support.conformance`: skipping tests whose third-party peer is not installed.
"""
