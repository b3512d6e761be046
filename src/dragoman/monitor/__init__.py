"""Continuous monitoring: follow sources politely, process news as it arrives, survive faults."""
