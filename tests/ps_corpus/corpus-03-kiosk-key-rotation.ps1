# Rotate the lobby kiosks' GA keys: mint a new key for each kiosk whose key is older than the cut-off, then save the ages.
param(
    [string[]]$Kiosks = @('lobby-1', 'lobby-2', 'cafe-1', 'garage-1'),
    [ValidateRange(60, 3600)]
    [int]$MaxAgeSeconds = 900
)

$StatePath = Join-Path ([System.IO.Path]::GetTempPath()) 'psopenapi-corpus-03-kiosks.json'
# the previous run's state, as the old tool wrote it: one name in capitals, one age as text
Set-Content -Path $StatePath -Value '{"LOBBY-1": 1200, "lobby-2": "1000", "cafe-1": 905.5}'
$State = Get-Content -Path $StatePath -Raw | ConvertFrom-Json

$Rotated = [System.Collections.Generic.List[string]]::new()
$NewState = [ordered]@{}
foreach ($Kiosk in $Kiosks) {
    $Age = $State.$Kiosk    # JSON property names ignore case: 'lobby-1' reads "LOBBY-1"
    if ($null -eq $Age) {
        Write-Warning "$Kiosk has no key yet"
        $Age = $MaxAgeSeconds + 1
    }
    # "1000" -gt 900 compares as text (the left side is a string): "1000" sorts before "900", so lobby-2 is kept
    if ($Age -gt $MaxAgeSeconds) {
        $Session = Initialize-RealtimeSessionCreateRequestGA -Model 'gpt-realtime' -Instructions "Kiosk $($Kiosk.ToUpper())"
        $Expiry = Initialize-ClientSecretExpiration -Anchor 'created_at' -Seconds $MaxAgeSeconds
        $Secret = New-RealtimeClientSecret -RealtimeCreateClientSecretRequest (Initialize-RealtimeCreateClientSecretRequest -ExpiresAfter $Expiry -Session $Session)
        $Rotated.Add($Kiosk)
        # 900 s (899 if a second ticked over) in minutes, rounded: 15
        $Minutes = [math]::Round(($Secret.expires_at - [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()) / 60)
        Write-Output "$Kiosk rotated, valid $Minutes min"
    } else {
        Write-Output "$Kiosk kept (age $Age)"
    }
    $NewState[$Kiosk] = if ($Rotated -contains $Kiosk) { 0 } else { $Age }
}
# a list inside a string is joined with spaces
Write-Output "rotated $($Rotated.Count): $Rotated"

$NewState | ConvertTo-Json -Compress | Set-Content -Path $StatePath
Write-Output (Get-Content -Path $StatePath -Raw).Trim()
Remove-Item -Path $StatePath -ErrorAction SilentlyContinue
