"""A client library for accessing Cloud Partner Portal operations"""
