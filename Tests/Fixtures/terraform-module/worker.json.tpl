[
  {
    "name": "worker",
    "image": "${image}",
    "cpu": ${cpu},
    "essential": true,
    "command": ["bundle", "exec", "sidekiq"]
  }
]
