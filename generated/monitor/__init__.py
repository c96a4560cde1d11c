"""A client library for accessing Azure Monitor private link scope operation status"""
