# Validate the front-desk bot's settings file before deploy, then mint its GA key with what survives the checks.
$ErrorActionPreference = 'Stop'

$ConfigPath = Join-Path ([System.IO.Path]::GetTempPath()) 'psopenapi-corpus-08-bot.json'
Set-Content -Path $ConfigPath -Value '{"model": "gpt-realtime", "Voice": "cedar", "instructions": "   ", "ttlSeconds": "450", "speed": 1.10}'

function Test-BotConfig {
    param(
        [Parameter(Mandatory)]
        $Config
    )
    'checking settings'
    if ([string]::IsNullOrWhiteSpace($Config.instructions)) {
        Write-Warning 'instructions are blank'
        'instructions: blank, default used'
    }
    return ($Config.ttlSeconds -ge 60)
}

$Config = Get-Content -Path $ConfigPath -Raw | ConvertFrom-Json
# the function's output is everything it emits: two strings and then the result of return
$Check = Test-BotConfig -Config $Config
# "450" -ge 60 compares as text ("4" sorts before "6"): False
Write-Output "check returned $($Check.Count) values; last is $($Check[-1])"
Write-Output "as a number: $([int]$Config.ttlSeconds -ge 60)"
# an array of more than one item is true, whatever it holds
if ($Check) {
    Write-Output 'validation passed'
}

$Instructions = if ([string]::IsNullOrWhiteSpace($Config.instructions)) { 'You are the front desk bot.' } else { $Config.instructions.Trim() }
$Ttl = [int]$Config.ttlSeconds
try {
    if ($Ttl -lt 600) {
        Write-Error "ttlSeconds $Ttl is below the 600 s the kiosk needs"
    }
    Write-Output 'ttl accepted'
} catch {
    Write-Output "blocked: $($_.Exception.Message)"
    $Ttl = 600
}

# property names ignore case: .voice reads "Voice", .MODEL reads "model"; the JSON 1.10 is the double 1.1
$Output = Initialize-RealtimeSessionCreateRequestGAAudioOutput -Voice $Config.voice -Speed $Config.speed
$Session = Initialize-RealtimeSessionCreateRequestGA -Model $Config.MODEL -Instructions $Instructions -Audio (Initialize-RealtimeSessionCreateRequestGAAudio -Output $Output)
$Request = Initialize-RealtimeCreateClientSecretRequest -ExpiresAfter (Initialize-ClientSecretExpiration -Anchor 'created_at' -Seconds $Ttl) -Session $Session
$Secret = New-RealtimeClientSecret -RealtimeCreateClientSecretRequest $Request
Write-Output "voice $($Secret.session.audio.output.voice) at speed $($Secret.session.audio.output.speed)"
Remove-Item -Path $ConfigPath
