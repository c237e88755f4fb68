# Security drill: a revoked key must be refused by both endpoints; the drill always puts the configured key back.
$Checks = [ordered]@{ beta = $null; ga = $null }
Set-Configuration -AccessToken 'sk-revoked-2024'
try {
    foreach ($Endpoint in @('beta', 'ga')) {
        try {
            if ($Endpoint -eq 'beta') {
                $null = New-RealtimeSession -RealtimeSessionCreateRequest (Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-realtime-preview')
            } else {
                $GaSession = Initialize-RealtimeSessionCreateRequestGA -Model 'gpt-realtime'
                $null = New-RealtimeClientSecret -RealtimeCreateClientSecretRequest (Initialize-RealtimeCreateClientSecretRequest -Session $GaSession)
            }
            $Checks[$Endpoint] = 'accepted'
        } catch {
            $Status = $_.Exception.Response.StatusCode
            # an HttpStatusCode in a string is its name; compared with a number it is its value
            $Checks[$Endpoint] = "$Status"
            Write-Output "$Endpoint refused: $([int]$Status) $Status, is 401: $($Status -eq 401)"
        }
    }
} finally {
    Set-Configuration -AccessToken $env:OPENAI_API_KEY
    Write-Output 'configured key restored'
}

$Accepted = $Checks.Values | Where-Object { $_ -eq 'accepted' }
# nothing matched, so $Accepted is $null, and $null.Count is 0
Write-Output "checks: $($Checks.Count), accepted: $($Accepted.Count)"
$Check = New-RealtimeSession -RealtimeSessionCreateRequest (Initialize-RealtimeSessionCreateRequest -Model 'gpt-4o-realtime-preview' -Modalities 'text')
Write-Output "restored key works: $($Check.client_secret.value.StartsWith('ek_'))"
