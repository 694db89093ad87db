/// The OpenAPI 3.1 document served at `/openapi.json`. The committed copy is
/// docs/openapi/intake.json; a test checks the two are byte-for-byte identical.
enum IntakeOpenAPI {
    // The blank line keeps the final newline: a literal drops the one before its closing quotes.
    static let document = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "OCC referral exchange — Intake API",
    "version": "1.0.0",
    "description": "The partner-facing API of the Online Crime Centre referral exchange. Partners submit referrals as JSON, NDJSON bulk uploads or STIX 2.1 bundles and poll their status. TLS is terminated in front of the service. Every error is application/problem+json; validation errors list every problem with a field path."
  },
  "servers": [
    {
      "url": "/"
    }
  ],
  "security": [
    {
      "bearer": []
    }
  ],
  "paths": {
    "/v1/referrals": {
      "post": {
        "summary": "Submit one referral",
        "operationId": "submitReferral",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ReferralSubmission"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Stored; enrichment enqueued",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReferralReceipt"
                }
              }
            }
          },
          "200": {
            "description": "Idempotent replay: the same partner_reference with the same content was stored before; nothing new stored",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReferralReceipt"
                }
              }
            }
          },
          "400": {
            "description": "The body is not JSON",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "401": {
            "description": "Missing, unknown or revoked API key",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "403": {
            "description": "The key lacks the partner:submit scope or is not a partner's",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "409": {
            "description": "partner_reference already used for different content",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "413": {
            "description": "Body too large",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "415": {
            "description": "Body is not JSON",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "422": {
            "description": "Invalid referral; every problem with its field path",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "503": {
            "description": "Temporarily unavailable: the database cannot answer now (problem type https://occ.example/problems/service-unavailable), or the request overran the server's time limit and was cancelled. Nothing is half-stored: retry after Retry-After seconds (submissions are idempotent on partner_reference).",
            "headers": {
              "Retry-After": {
                "description": "Seconds to wait before retrying",
                "schema": {
                  "type": "integer",
                  "minimum": 1
                }
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      },
      "get": {
        "summary": "List own referrals received after a time",
        "operationId": "listReferrals",
        "parameters": [
          {
            "name": "since",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "format": "date-time"
            },
            "description": "Exclusive lower bound on received_at; pass next_since of the previous page."
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 1000,
              "default": 100
            }
          }
        ],
        "responses": {
          "200": {
            "description": "A page, oldest first",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReferralPage"
                }
              }
            }
          },
          "400": {
            "description": "Bad since or limit",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "401": {
            "description": "Missing, unknown or revoked API key",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "403": {
            "description": "The key lacks the partner:submit scope or is not a partner's",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "503": {
            "description": "Temporarily unavailable: the database cannot answer now (problem type https://occ.example/problems/service-unavailable), or the request overran the server's time limit and was cancelled. Nothing is half-stored: retry after Retry-After seconds (submissions are idempotent on partner_reference).",
            "headers": {
              "Retry-After": {
                "description": "Seconds to wait before retrying",
                "schema": {
                  "type": "integer",
                  "minimum": 1
                }
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/v1/referrals/{id}": {
      "get": {
        "summary": "One own referral",
        "operationId": "getReferral",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "format": "uuid"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The referral",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReferralView"
                }
              }
            }
          },
          "401": {
            "description": "Missing, unknown or revoked API key",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "403": {
            "description": "The key lacks the partner:submit scope or is not a partner's",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "404": {
            "description": "No such referral (or another partner's)",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "503": {
            "description": "Temporarily unavailable: the database cannot answer now (problem type https://occ.example/problems/service-unavailable), or the request overran the server's time limit and was cancelled. Nothing is half-stored: retry after Retry-After seconds (submissions are idempotent on partner_reference).",
            "headers": {
              "Retry-After": {
                "description": "Seconds to wait before retrying",
                "schema": {
                  "type": "integer",
                  "minimum": 1
                }
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/v1/referrals/bulk": {
      "post": {
        "summary": "Submit many referrals as NDJSON",
        "operationId": "submitBulk",
        "description": "One referral JSON object per line, streamed; each line is stored in its own transaction and gets its own result. Bad lines never block good ones. Blank lines are skipped. At most 100,000 lines per request (later lines are not read and truncated is true); a line over 2 MiB fails the request with 413.",
        "requestBody": {
          "required": true,
          "content": {
            "application/x-ndjson": {
              "schema": {
                "type": "string"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Per-line results",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReferralBatchResult"
                }
              }
            }
          },
          "401": {
            "description": "Missing, unknown or revoked API key",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "403": {
            "description": "The key lacks the partner:submit scope or is not a partner's",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "413": {
            "description": "A line is too long",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "415": {
            "description": "Body is not NDJSON",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "503": {
            "description": "Temporarily unavailable: the database cannot answer now (problem type https://occ.example/problems/service-unavailable), or the request overran the server's time limit and was cancelled. Nothing is half-stored: retry after Retry-After seconds (submissions are idempotent on partner_reference).",
            "headers": {
              "Retry-After": {
                "description": "Seconds to wait before retrying",
                "schema": {
                  "type": "integer",
                  "minimum": 1
                }
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/v1/stix": {
      "post": {
        "summary": "Submit a STIX 2.1 bundle",
        "operationId": "submitSTIX",
        "description": "One referral per report or grouping (or one for the whole bundle). Uses the x-occ extension (docs/stix-extension.md). All or nothing: errors point into the bundle (objects[5].pattern).",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "type",
                  "objects"
                ],
                "properties": {
                  "type": {
                    "const": "bundle"
                  },
                  "id": {
                    "type": "string"
                  },
                  "objects": {
                    "type": "array",
                    "items": {
                      "type": "object"
                    }
                  }
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Stored (at least one new referral)",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReferralBatchResult"
                }
              }
            }
          },
          "200": {
            "description": "Every referral was a replay",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReferralBatchResult"
                }
              }
            }
          },
          "400": {
            "description": "The body is not JSON",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "401": {
            "description": "Missing, unknown or revoked API key",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "403": {
            "description": "The key lacks the partner:submit scope or is not a partner's",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "409": {
            "description": "A partner reference is used for different content; nothing stored",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "413": {
            "description": "Bundle too large",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "415": {
            "description": "Body is not JSON",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "422": {
            "description": "Invalid bundle; every problem with its bundle path",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "503": {
            "description": "Temporarily unavailable: the database cannot answer now (problem type https://occ.example/problems/service-unavailable), or the request overran the server's time limit and was cancelled. Nothing is half-stored: retry after Retry-After seconds (submissions are idempotent on partner_reference).",
            "headers": {
              "Retry-After": {
                "description": "Seconds to wait before retrying",
                "schema": {
                  "type": "integer",
                  "minimum": 1
                }
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      }
    },
    "/openapi.json": {
      "get": {
        "summary": "This document",
        "security": [],
        "responses": {
          "200": {
            "description": "OpenAPI 3.1 document",
            "content": {
              "application/json": {}
            }
          }
        }
      }
    },
    "/healthz": {
      "get": {
        "summary": "Liveness",
        "security": [],
        "responses": {
          "200": {
            "description": "Serving",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          }
        }
      }
    },
    "/readyz": {
      "get": {
        "summary": "Readiness: database reachable and migrations current",
        "security": [],
        "responses": {
          "200": {
            "description": "Ready",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Readiness"
                }
              }
            }
          },
          "503": {
            "description": "Not ready",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Readiness"
                }
              }
            }
          }
        }
      }
    },
    "/metrics": {
      "get": {
        "summary": "Prometheus metrics",
        "security": [],
        "responses": {
          "200": {
            "description": "Prometheus text format",
            "content": {
              "text/plain": {}
            }
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "API key occ_<id>_<secret>, issued by `occ keys issue`, with scope partner:submit."
      }
    },
    "schemas": {
      "Problem": {
        "type": "object",
        "required": [
          "type",
          "title",
          "status"
        ],
        "properties": {
          "type": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "status": {
            "type": "integer"
          },
          "detail": {
            "type": "string"
          },
          "instance": {
            "type": "string"
          },
          "errors": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "field",
                "message"
              ],
              "properties": {
                "field": {
                  "type": "string",
                  "examples": [
                    "indicators[2].value"
                  ]
                },
                "message": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "ReferralSubmission": {
        "type": "object",
        "required": [
          "partner_reference",
          "crime_type",
          "gateway",
          "markings"
        ],
        "additionalProperties": false,
        "properties": {
          "partner_reference": {
            "type": "string",
            "maxLength": 100,
            "description": "The partner's own id; the idempotency key."
          },
          "crime_type": {
            "type": "string",
            "enum": [
              "fraud.app_investment",
              "fraud.app_romance",
              "fraud.app_impersonation",
              "fraud.app_invoice",
              "fraud.app_advance_fee",
              "fraud.purchase",
              "fraud.courier",
              "fraud.phishing",
              "fraud.card_not_present",
              "fraud.account_takeover",
              "fraud.identity",
              "fraud.money_mule",
              "fraud.other",
              "cyber.ransomware",
              "cyber.ddos",
              "cyber.hacking",
              "cyber.malware",
              "cyber.data_breach",
              "cyber.extortion",
              "cyber.other"
            ]
          },
          "summary": {
            "type": "string",
            "maxLength": 10000,
            "description": "Required (at least 50 characters) when there are no indicators."
          },
          "time_window": {
            "type": "object",
            "required": [
              "first_seen",
              "last_seen"
            ],
            "properties": {
              "first_seen": {
                "type": "string",
                "format": "date-time"
              },
              "last_seen": {
                "type": "string",
                "format": "date-time"
              }
            }
          },
          "victims": {
            "type": "object",
            "required": [
              "count"
            ],
            "properties": {
              "count": {
                "type": "integer",
                "minimum": 0
              },
              "vulnerable": {
                "type": "boolean"
              },
              "vulnerability_level": {
                "enum": [
                  "low",
                  "medium",
                  "high"
                ]
              }
            }
          },
          "loss": {
            "type": "object",
            "required": [
              "amount",
              "currency"
            ],
            "properties": {
              "amount": {
                "type": "string",
                "pattern": "^[0-9]+(\\.[0-9]+)?$"
              },
              "currency": {
                "type": "string",
                "pattern": "^[A-Z]{3}$"
              }
            }
          },
          "overseas": {
            "type": "boolean"
          },
          "indicators": {
            "type": "array",
            "maxItems": 500,
            "items": {
              "$ref": "#/components/schemas/Indicator"
            }
          },
          "gateway": {
            "type": "string",
            "enum": [
              "cca_2013_s7",
              "sca_2007_s68",
              "eccta_2023_ss188_189",
              "dpa_2018_part3",
              "dpa_2018_sch2_para2",
              "poca_2002_sar"
            ]
          },
          "markings": {
            "type": "object",
            "required": [
              "tlp",
              "source_evaluation",
              "intelligence_assessment",
              "handling_code"
            ],
            "properties": {
              "tlp": {
                "enum": [
                  "CLEAR",
                  "GREEN",
                  "AMBER",
                  "AMBER+STRICT",
                  "RED"
                ]
              },
              "source_evaluation": {
                "enum": [
                  1,
                  2,
                  3
                ]
              },
              "intelligence_assessment": {
                "enum": [
                  "A",
                  "B",
                  "C",
                  "D",
                  "E"
                ]
              },
              "handling_code": {
                "enum": [
                  "P",
                  "C"
                ]
              },
              "handling_conditions": {
                "type": "string",
                "maxLength": 1000,
                "description": "Required exactly when handling_code is C."
              }
            }
          }
        }
      },
      "Indicator": {
        "type": "object",
        "required": [
          "kind"
        ],
        "properties": {
          "kind": {
            "enum": [
              "phone",
              "sms_sender_id",
              "url",
              "domain",
              "email",
              "ipv4",
              "ipv6",
              "uk_bank_account",
              "iban",
              "crypto_wallet",
              "social_account",
              "file_hash"
            ]
          },
          "value": {
            "type": "string",
            "maxLength": 2048
          },
          "sort_code": {
            "type": "string"
          },
          "account_number": {
            "type": "string"
          },
          "chain": {
            "type": "string"
          },
          "platform": {
            "type": "string"
          },
          "algorithm": {
            "type": "string"
          }
        }
      },
      "ReferralReceipt": {
        "type": "object",
        "required": [
          "id",
          "reference",
          "partner_reference",
          "status",
          "received_at"
        ],
        "properties": {
          "id": {
            "type": "string",
            "format": "uuid"
          },
          "reference": {
            "type": "string",
            "examples": [
              "OCC-2026-000123"
            ]
          },
          "partner_reference": {
            "type": "string"
          },
          "status": {
            "enum": [
              "received",
              "enriched",
              "tasked",
              "actioned",
              "closed"
            ]
          },
          "received_at": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "ReferralView": {
        "type": "object",
        "required": [
          "id",
          "reference",
          "partner_reference",
          "status",
          "channel",
          "received_at",
          "referral"
        ],
        "properties": {
          "id": {
            "type": "string",
            "format": "uuid"
          },
          "reference": {
            "type": "string"
          },
          "partner_reference": {
            "type": "string"
          },
          "status": {
            "type": "string"
          },
          "channel": {
            "enum": [
              "json",
              "bulk",
              "stix"
            ]
          },
          "received_at": {
            "type": "string",
            "format": "date-time"
          },
          "referral": {
            "type": "object",
            "description": "The validated referral, indicators in canonical form."
          }
        }
      },
      "ReferralPage": {
        "type": "object",
        "required": [
          "referrals"
        ],
        "properties": {
          "referrals": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ReferralReceipt"
            }
          },
          "next_since": {
            "type": "string",
            "description": "Microsecond timestamp to pass as since; absent on the last page."
          }
        }
      },
      "ReferralBatchResult": {
        "type": "object",
        "required": [
          "created",
          "replayed",
          "rejected",
          "truncated",
          "results"
        ],
        "properties": {
          "created": {
            "type": "integer"
          },
          "replayed": {
            "type": "integer"
          },
          "rejected": {
            "type": "integer"
          },
          "truncated": {
            "type": "boolean"
          },
          "results": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ReferralResult"
            }
          }
        }
      },
      "ReferralResult": {
        "type": "object",
        "required": [
          "status"
        ],
        "properties": {
          "line": {
            "type": "integer"
          },
          "status": {
            "type": "integer",
            "enum": [
              200,
              201,
              400,
              409,
              422,
              503
            ]
          },
          "id": {
            "type": "string",
            "format": "uuid"
          },
          "reference": {
            "type": "string"
          },
          "partner_reference": {
            "type": "string"
          },
          "detail": {
            "type": "string"
          },
          "errors": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "field",
                "message"
              ]
            }
          }
        }
      },
      "Health": {
        "type": "object",
        "required": [
          "status"
        ],
        "properties": {
          "status": {
            "const": "ok"
          }
        }
      },
      "Readiness": {
        "type": "object",
        "required": [
          "status",
          "checks"
        ],
        "properties": {
          "status": {
            "enum": [
              "ready",
              "not ready"
            ]
          },
          "checks": {
            "type": "object",
            "additionalProperties": {
              "type": "string"
            }
          }
        }
      }
    }
  }
}

"""#
}
